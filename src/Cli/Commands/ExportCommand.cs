using System.CommandLine;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch export ID [--format csv|json] [-o FILE]: downloads the API's export of the search
/// (GET /api/searches/{id}/export) and writes it exactly as received, by <see cref="Download"/>'s rule.</summary>
internal sealed class ExportCommand : SearchCommand
{
    private readonly Download download = new(DownloadFormats.Export);

    public ExportCommand(CliContext context)
        : base(context, "export", "Every trial of a search, one row each: its grid point, status and final metrics, and every resolved hyperparameter (the API's export)")
    {
        Add(download.Format, download.Output);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, long searchId, CancellationToken cancellationToken)
    {
        var target = download.Target(parseResult, Context, $"search-{searchId}-trials");
        var client = Context.Client(parseResult);
        var export = await client.GetExportAsync(searchId, target.Format, cancellationToken);
        await Download.WriteAsync(Context, target, export, cancellationToken);
        if (target.File is { } file)
        {
            var search = await client.GetSearchAsync(searchId, cancellationToken);
            Context.Console.MarkupLine(Markup.Escape($"wrote {Formats.Plural(search.TrialCount, "trial")} to {file}"));
        }

        return ExitCodes.Success;
    }
}
