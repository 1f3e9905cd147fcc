using System.CommandLine;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch export ID [--format csv|json] [-o FILE]: downloads the API's export of the search
/// (GET /api/searches/{id}/export) and writes it exactly as received, by <see cref="Download"/>'s rule.</summary>
internal sealed class ExportCommand : SearchCommand
{
    private readonly Download download = new(DownloadFormats.Export);
    private readonly Option<string> by = ByOption();

    public ExportCommand(CliContext context)
        : base(context, "export", "Every trial of a search, one row each: its grid point, status and final metrics, and every resolved hyperparameter (the API's export)")
    {
        Add(download.Format, download.Output, by);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, long searchId, CancellationToken cancellationToken)
    {
        var rows = parseResult.GetValue(by) ?? ExportRows.Trial;
        var perConfiguration = rows == ExportRows.Configuration;
        var target = download.Target(parseResult, Context, $"search-{searchId}-{(perConfiguration ? "configurations" : "trials")}");
        var client = Context.Client(parseResult);
        var export = await client.GetExportAsync(searchId, target.Format, cancellationToken, perConfiguration ? rows : null);
        await Download.WriteAsync(Context, target, export, cancellationToken);
        if (perConfiguration && target.File is { } written)
        {
            Context.Console.MarkupLine(Markup.Escape($"wrote the configurations of search {searchId} to {written}"));
        }
        else if (target.File is { } file)
        {
            var search = await client.GetSearchAsync(searchId, cancellationToken);
            Context.Console.MarkupLine(Markup.Escape($"wrote {Formats.Plural(search.TrialCount, "trial")} to {file}"));
        }

        return ExitCodes.Success;
    }

    private static Option<string> ByOption()
    {
        var option = new Option<string>("--by")
        {
            Description = "One row per trial, or per configuration (grid point) with its repeats' test accuracy summarized [default: trial]",
            HelpName = string.Join("|", ExportRows.All),
        };
        option.AcceptOnlyFromAmong([.. ExportRows.All]);
        return option;
    }
}
