namespace GridSearch.Core.Search;

public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total);
