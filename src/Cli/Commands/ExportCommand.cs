using System.CommandLine;
using System.Text;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch export ID --format csv|json: downloads the API's export of the search
/// (GET /api/searches/{id}/export) and writes it exactly as received.</summary>
internal sealed class ExportCommand : SearchCommand
{
    private readonly Option<string> format = CommonOptions.Format("csv (a header, then one row per trial) or json (an array of objects with the same columns)", ["csv", "json"]);
    private readonly Option<FileInfo> output = CommonOptions.Output("Write to this file [default: standard output]", required: false);

    public ExportCommand(CliContext context)
        : base(context, "export", "Every trial of a search, one row each: its grid point, status and final metrics, and every resolved hyperparameter (the API's export)")
    {
        Add(format, output);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, long searchId, CancellationToken cancellationToken)
    {
        var client = Context.Client(parseResult);
        // Read in full before anything is written, so an API error never leaves half a file.
        var export = await client.GetExportAsync(searchId, parseResult.GetRequiredValue(format), cancellationToken);
        var file = parseResult.GetValue(output);
        if (file is null)
        {
            await WriteToStandardOutputAsync(export, cancellationToken);
            return ExitCodes.Success;
        }

        await OutputFile.WriteAsync(file, export, cancellationToken);

        var search = await client.GetSearchAsync(searchId, cancellationToken);
        Context.Console.MarkupLine(Markup.Escape($"wrote {search.TrialCount} trials to {file}"));
        return ExitCodes.Success;
    }

    /// <summary>The terminal's own output gets the bytes themselves (its writer would re-encode them in
    /// the console's encoding); any other writer (a test's) gets them as the UTF-8 text they are.</summary>
    private async Task WriteToStandardOutputAsync(byte[] export, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(Context.Out, Console.Out))
        {
            await Console.Out.FlushAsync(cancellationToken);
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(export, cancellationToken);
            return;
        }

        await Context.Out.WriteAsync(Encoding.UTF8.GetString(export).AsMemory(), cancellationToken);
        await Context.Out.FlushAsync(cancellationToken);
    }
}
