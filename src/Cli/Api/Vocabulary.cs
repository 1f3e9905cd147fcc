namespace GridSearch.Cli.Api;

/// <summary>What the CLI reads of the service's vocabulary (GET /api/axes): the axes in grid (and
/// display) order, what goes between a list's items, and the order a trial's config reads in.</summary>
internal sealed record Vocabulary(string ListSeparator, IReadOnlyList<VocabularyAxis> Axes, IReadOnlyList<string> ConfigKeys);
