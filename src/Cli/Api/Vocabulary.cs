namespace GridSearch.Cli.Api;

/// <summary>The service's vocabulary as GET /api/axes publishes it: the axes in grid (and display)
/// order, what goes between a list's items, and the order a trial's config reads in.</summary>
internal sealed record Vocabulary(
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Models,
    string ListSeparator,
    IReadOnlyList<VocabularyAxis> Axes,
    IReadOnlyList<string> ConfigKeys);
