namespace GridSearch.Cli.Api;

/// <summary>One page of a list endpoint's items, with the total across all pages.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, int Total);
