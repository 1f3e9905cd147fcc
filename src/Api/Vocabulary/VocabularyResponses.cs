using System.Text.Json;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Api.Vocabulary;

/// <summary>Builds the <see cref="VocabularyResponse"/> contract from the vocabulary, once: it does not
/// change while the service runs. Its config keys are <see cref="TrialConfigKeys"/>.</summary>
public static class VocabularyResponses
{
    public static VocabularyResponse Current { get; } = new(
        EnumNames.Choices<Dataset>(),
        EnumNames.Choices<ModelFamily>(),
        Axis.ListSeparator,
        [.. AxisCatalog.All.Select(From)],
        TrialConfigKeys.All);

    public static AxisResponse From(Axis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        return new AxisResponse(
            axis.Name,
            axis.Order,
            JsonNamingPolicy.SnakeCaseLower.ConvertName(axis.Kind.ToString()),
            axis.OnlyFor is { } family ? EnumNames.Of(family) : null,
            axis.AppliesWhen?.Text,
            axis.Default is null ? null : JsonSerializer.SerializeToElement(axis.Default, axis.Default.GetType(), VocabularyJson.Options),
            axis.DefaultLabel,
            axis.Choices,
            double.IsFinite(axis.Min) ? axis.Min : null,
            axis.MinExclusive,
            double.IsFinite(axis.Max) ? axis.Max : null,
            axis.MaxExclusive,
            axis.Bounds(),
            axis.Description);
    }
}
