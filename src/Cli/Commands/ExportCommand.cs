using System.CommandLine;
using System.Text;
using GridSearch.Cli.Export;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch export ID --format csv|json: every trial with every hyperparameter and final metric.</summary>
internal sealed class ExportCommand : Command
{
    private readonly Argument<long> id = CommonOptions.SearchId();
    private readonly Option<string> format = new("--format", "-f")
    {
        Description = "csv (a header, then one row per trial) or json (an array of flat objects)",
        HelpName = "csv|json",
        Required = true,
    };
    private readonly Option<FileInfo> output = new("--output", "-o")
    {
        Description = "Write to this file [default: standard output]",
        HelpName = "file",
    };
    private readonly CliContext context;

    public ExportCommand(CliContext context)
        : base("export", "Every trial of a search, one row each, with every hyperparameter and final metric (like a Talos scan's results)")
    {
        this.context = context;
        format.AcceptOnlyFromAmong("csv", "json");
        Add(id);
        Add(format);
        Add(output);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var trials = await context.Client(parseResult).GetTrialsAsync(parseResult.GetValue(id), status: null, sort: null, limit: null, cancellationToken);
        var rows = TrialRows.Of(trials);
        var file = parseResult.GetValue(output);
        if (file is null)
        {
            Write(context.Out, rows, FormatOf(parseResult));
            context.Out.Flush();
            return ExitCodes.Success;
        }

        try
        {
            // Written only once every page is in, so an API error never leaves half a file.
            await using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Write(writer, rows, FormatOf(parseResult));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {file}: {e.Message}", e);
        }

        context.Console.MarkupLine(Markup.Escape($"wrote {trials.Count} trials to {file}"));
        return ExitCodes.Success;
    }

    private ExportFormat FormatOf(ParseResult parseResult) =>
        parseResult.GetRequiredValue(format) == "json" ? ExportFormat.Json : ExportFormat.Csv;

    private static void Write(TextWriter writer, TrialRows rows, ExportFormat format)
    {
        if (format == ExportFormat.Json)
        {
            ExportJson.Write(writer, rows);
        }
        else
        {
            CsvWriter.Write(writer, rows);
        }
    }
}
