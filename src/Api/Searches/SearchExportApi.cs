using System.Text;
using System.Text.Json;
using GridSearch.Api.OpenApi;
using GridSearch.Core.Export;
using GridSearch.Core.Search;

namespace GridSearch.Api.Searches;

/// <summary>The one export of a search's trials; the dashboard links to it and the CLI downloads it.
/// Its columns are <see cref="SearchExport"/>'s; with ?by=configuration, one row per configuration
/// (<see cref="ConfigurationExport"/>).</summary>
public static class SearchExportApi
{
    public static void MapSearchExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/searches/{id:long}/export", ExportSearch)
            .WithTags("Searches")
            .WithMetadata(new ResponseContent(StatusCodes.Status200OK, DownloadFormats.Csv.MediaType, typeof(string)))
            .WithMetadata(new ResponseContent(StatusCodes.Status200OK, DownloadFormats.Json.MediaType, typeof(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>)))
            .WithSummary("Every trial of the search, one row each: its grid point, its fields and final metrics, its resolved config; as CSV or JSON.")
            .WithDescription("by=trial (default): one row per trial. by=configuration: one row per configuration (grid point) with a "
                + "succeeded repeat, in its leaderboard's order: the axes' values, rank, bestTrialId, and the repeats' test accuracy "
                + "summarized: metric, n, mean, standardDeviation, low and high (the mean's 95% interval; null when n < 2), min, max, "
                + "tiedWithBest (Welch's t-test at 5%), trialIds.");
    }

    public static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportSearch(
        long id, string? format, string? by, SearchService service, ConfigurationExport configurations, CancellationToken cancellationToken)
    {
        var formats = DownloadFormats.Export;
        var errors = new Dictionary<string, string[]>();
        var chosen = format is null ? formats.Default : formats.Find(format);
        if (chosen is null)
        {
            errors["format"] = [$"must be {formats.Choices}."];
        }

        var rows = ExportRows.Find(by);
        if (rows is null)
        {
            errors["by"] = [$"must be one of {string.Join(", ", ExportRows.All)}."];
        }

        if (chosen is null || rows is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var perConfiguration = rows == ExportRows.Configuration;
        var table = perConfiguration ? await configurations.ExportAsync(id, cancellationToken) : await service.ExportAsync(id, cancellationToken);
        if (table is null)
        {
            return TypedResults.NotFound();
        }

        var text = chosen == DownloadFormats.Csv ? table.ToCsv() : table.ToJson();
        var name = perConfiguration ? "configurations" : "trials";
        return TypedResults.File(Encoding.UTF8.GetBytes(text), $"{chosen.MediaType}; charset=utf-8", $"search-{id}-{name}.{chosen.Extension}");
    }
}
