namespace GridSearch.Contracts.Vocabulary;

/// <summary>The vocabulary as JSON: the datasets and model families a search may name, and its axes
/// in display (and grid expansion) order. Lists print with <see cref="ListSeparator"/> between items.
/// <see cref="ConfigKeys"/> is the order a trial's resolved config reads in (the service's config key order).</summary>
public sealed record VocabularyResponse(
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Models,
    string ListSeparator,
    IReadOnlyList<AxisResponse> Axes,
    IReadOnlyList<string> ConfigKeys);
