using System.CommandLine;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch trials ID: a search's trials as a table.</summary>
internal sealed class TrialsCommand : Command
{
    private static readonly string[] Statuses = ["queued", "running", "succeeded", "failed", "cancelled"];

    private readonly Argument<long> id = CommonOptions.SearchId();
    private readonly Option<string> status = new("--status", "-s") { Description = "Only trials in this state", HelpName = "status" };
    private readonly Option<string> sort = new("--sort")
    {
        Description = "Order by ordinal, testAccuracy, testLoss, valAccuracy, valLoss, startedAt or finishedAt; a leading '-' for descending [default: ordinal]",
        HelpName = "field",
    };
    private readonly Option<int?> top = CommonOptions.Top("Only the first N trials in that order");
    private readonly CliContext context;

    public TrialsCommand(CliContext context)
        : base("trials", "A search's trials: status, the hyperparameters that vary between them, and their results")
    {
        this.context = context;
        status.AcceptOnlyFromAmong(Statuses);
        Add(id);
        Add(status);
        Add(sort);
        Add(top);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var client = context.Client(parseResult);
        var searchId = parseResult.GetValue(id);
        var search = await client.GetSearchAsync(searchId, cancellationToken);
        var filter = parseResult.GetValue(status);
        var limit = parseResult.GetValue(top);
        var trials = await client.GetTrialsAsync(searchId, filter, parseResult.GetValue(sort), limit, cancellationToken);

        var what = filter is null ? "trials" : $"{filter} trials";
        var title = $"search {search.Id} {search.Name}: {trials.Count} {what} of {search.TrialCount}";
        if (trials.Count == 0)
        {
            context.Console.MarkupLine(Markup.Escape($"{title}."));
            return ExitCodes.Success;
        }

        // The columns are the search's axes, even when the rows shown all share a value.
        var hyperparameters = new Hyperparameters(await client.GetVocabularyAsync(cancellationToken));
        context.Console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        context.Console.Write(TrialsTable.Of(trials, hyperparameters, hyperparameters.For(search, trials[0].Config)));
        return ExitCodes.Success;
    }
}
