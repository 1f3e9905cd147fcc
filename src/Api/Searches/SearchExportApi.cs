using System.Text;
using System.Text.Json;
using GridSearch.Api.OpenApi;
using GridSearch.Core.Search;

namespace GridSearch.Api.Searches;

/// <summary>The one export of a search's trials; the dashboard links to it and the CLI downloads it.
/// Its columns are <see cref="SearchExport"/>'s.</summary>
public static class SearchExportApi
{
    public static void MapSearchExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/searches/{id:long}/export", ExportSearch)
            .WithTags("Searches")
            .WithMetadata(new ResponseContent(StatusCodes.Status200OK, DownloadFormats.Csv.MediaType, typeof(string)))
            .WithMetadata(new ResponseContent(StatusCodes.Status200OK, DownloadFormats.Json.MediaType, typeof(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>)))
            .WithSummary("Every trial of the search, one row each: its grid point, its fields and final metrics, its resolved config; as CSV or JSON.");
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportSearch(
        long id, string? format, SearchService service, CancellationToken cancellationToken)
    {
        var formats = DownloadFormats.Export;
        if ((format is null ? formats.Default : formats.Find(format)) is not { } chosen)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"must be {formats.Choices}."] });
        }

        if (await service.ExportAsync(id, cancellationToken) is not { } table)
        {
            return TypedResults.NotFound();
        }

        var text = chosen == DownloadFormats.Csv ? table.ToCsv() : table.ToJson();
        return TypedResults.File(Encoding.UTF8.GetBytes(text), $"{chosen.MediaType}; charset=utf-8", $"search-{id}-trials.{chosen.Extension}");
    }
}
