namespace GridSearch.Api.Searches;

public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
