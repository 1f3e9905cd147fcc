using System.CommandLine;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch trials ID: a search's trials as a table.</summary>
internal sealed class TrialsCommand : SearchCommand
{
    private static readonly string[] Statuses = ["queued", "running", "succeeded", "failed", "cancelled"];

    private readonly Option<string> status = new("--status", "-s") { Description = "Only trials in this state", HelpName = "status" };
    private readonly Option<string> sort = new("--sort")
    {
        Description = "Order by ordinal, testAccuracy, testLoss, valAccuracy, valLoss, startedAt or finishedAt; a leading '-' for descending [default: ordinal]",
        HelpName = "field",
    };
    private readonly Option<int?> top = CommonOptions.Top("Only the first N trials in that order");

    public TrialsCommand(CliContext context)
        : base(context, "trials", "A search's trials: status, the hyperparameters that vary between them, and their results")
    {
        status.AcceptOnlyFromAmong(Statuses);
        Add(status, sort, top);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, long searchId, CancellationToken cancellationToken)
    {
        var client = Context.Client(parseResult);
        var search = await client.GetSearchAsync(searchId, cancellationToken);
        var filter = parseResult.GetValue(status);
        var limit = parseResult.GetValue(top);
        var trials = await client.GetTrialsAsync(searchId, filter, parseResult.GetValue(sort), limit, cancellationToken);

        var title = $"search {search.Id} {search.Name}: {Formats.Plural(trials.Count, filter is null ? "trial" : $"{filter} trial")} of {search.TrialCount}";
        if (trials.Count == 0)
        {
            Context.Console.MarkupLine(Markup.Escape($"{title}."));
            return ExitCodes.Success;
        }

        // The columns are the search's axes, even when the rows shown all share a value.
        var hyperparameters = new Hyperparameters(await client.GetVocabularyAsync(cancellationToken));
        Context.Console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        Context.Console.Write(TrialsTable.Of(trials, hyperparameters, hyperparameters.For(search, trials[0].Config), repeated: search.Repeats > 1));
        return ExitCodes.Success;
    }
}
