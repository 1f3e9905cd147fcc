using GridSearch.Domain.Definition;

namespace GridSearch.Api.Hosting;

/// <summary>Checks the paging and top-N query parameters every list endpoint shares.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int MaxTop = 1000;

    public static (int Page, int PageSize) Read(int? page, int? pageSize, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (page is < 1)
        {
            errors.Add("page", "must be >= 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"must be between 1 and {MaxPageSize}.");
        }

        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    public static int ReadTop(int? top, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (top is < 1 or > MaxTop)
        {
            errors.Add("top", $"must be between 1 and {MaxTop}.");
        }

        return top ?? 10;
    }
}
