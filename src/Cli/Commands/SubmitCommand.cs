using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch submit FILE: posts a search definition and prints its id and trial count.</summary>
internal sealed class SubmitCommand : GridSearchCommand
{
    private readonly Argument<FileInfo> file = new("file") { Description = "The search definition, a JSON file" };
    private readonly Option<bool> watch = CommonOptions.Watch();
    private readonly Option<double> interval = CommonOptions.Interval();
    private readonly Option<string> idempotencyKey = new("--idempotency-key")
    {
        Description = "Submitting again with the same key returns the first search instead of a second one",
        HelpName = "key",
    };

    public SubmitCommand(CliContext context)
        : base(context, "submit", "Submit a grid search; every combination of its grid becomes a queued trial")
    {
        Add(file, watch, interval, idempotencyKey);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = parseResult.GetRequiredValue(file);
        var definition = await ReadDefinitionAsync(path, cancellationToken);
        var client = Context.Client(parseResult);
        var created = await client.SubmitAsync(definition, parseResult.GetValue(idempotencyKey), cancellationToken);
        Context.Console.MarkupLine(
            $"submitted search [bold]{created.Id}[/] ({Markup.Escape(created.Name)}): {created.TrialCount} trial{(created.TrialCount == 1 ? "" : "s")} {Markup.Escape(created.Status)}");
        if (!parseResult.GetValue(watch))
        {
            Context.Console.MarkupLine($"[grey]follow it with: gridsearch status {created.Id} --watch[/]");
            return ExitCodes.Success;
        }

        await new SearchWatcher(Context, client).WatchAsync(created.Id, TimeSpan.FromSeconds(parseResult.GetValue(interval)), cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>The file's text, checked to be JSON here so a typo is a usage error, not an API round trip.</summary>
    private static async Task<string> ReadDefinitionAsync(FileInfo path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path.FullName, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"cannot read {path}: no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}", e);
        }

        try
        {
            // The API's own parser rules (no comments, no trailing commas), so what passes here parses there.
            using var document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new UsageException($"{path} is not valid JSON{where}: {FirstSentence(e.Message)}", e);
        }

        return text;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
