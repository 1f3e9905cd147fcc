namespace GridSearch.Contracts.Searches;

public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
