using System.CommandLine;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch submit FILE: posts a search definition and prints its id and trial count.</summary>
internal sealed class SubmitCommand : GridSearchCommand
{
    private readonly Argument<FileInfo> file = DefinitionFile.Argument();
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
        var definition = await DefinitionFile.ReadAsync(path, cancellationToken);
        var client = Context.Client(parseResult);
        var created = await client.SubmitAsync(definition, parseResult.GetValue(idempotencyKey), cancellationToken);
        Context.Console.MarkupLine(
            $"submitted search [bold]{created.Id}[/] ({Markup.Escape(created.Name)}): {created.TrialCount} trial{(created.TrialCount == 1 ? "" : "s")}"
            + $"{(created.Cached > 0 ? $", {created.Cached} answered by the result cache," : "")} {Markup.Escape(created.Status)}");
        if (!parseResult.GetValue(watch))
        {
            Context.Console.MarkupLine($"[grey]follow it with: gridsearch status {created.Id} --watch[/]");
            return ExitCodes.Success;
        }

        await new SearchWatcher(Context, client).WatchAsync(created.Id, TimeSpan.FromSeconds(parseResult.GetValue(interval)), cancellationToken);
        return ExitCodes.Success;
    }
}
