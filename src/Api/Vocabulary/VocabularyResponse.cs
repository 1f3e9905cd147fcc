using GridSearch.Core.Trials;
using GridSearch.Core.Vocabulary;

namespace GridSearch.Api.Vocabulary;

/// <summary>The vocabulary as JSON: the datasets and model families a search may name, and its axes
/// in display (and grid expansion) order. Lists print with <see cref="ListSeparator"/> between items.
/// <see cref="ConfigKeys"/> is the order a trial's resolved config reads in (<see cref="TrialConfigKeys"/>).</summary>
public sealed record VocabularyResponse(
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Models,
    string ListSeparator,
    IReadOnlyList<AxisResponse> Axes,
    IReadOnlyList<string> ConfigKeys)
{
    public static VocabularyResponse Current { get; } = new(
        EnumNames.Choices<Dataset>(),
        EnumNames.Choices<ModelFamily>(),
        Axis.ListSeparator,
        [.. AxisCatalog.All.Select(AxisResponse.From)],
        TrialConfigKeys.All);
}
