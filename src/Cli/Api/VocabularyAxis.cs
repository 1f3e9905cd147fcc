namespace GridSearch.Cli.Api;

/// <summary>One axis of the vocabulary, as much of it as the CLI reads; <see cref="Model"/> is null
/// when the axis applies to every model family.</summary>
internal sealed record VocabularyAxis(string Name, int Order, string? Model);
