using System.CommandLine;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch leaderboard [SEARCH]: the best succeeded trials of one search or of all.</summary>
internal sealed class LeaderboardCommand : GridSearchCommand
{
    private readonly Argument<long?> searchId = new("searchId")
    {
        Description = "Only this search's trials [default: across all searches]",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<int?> top = CommonOptions.Top("How many trials [default: 10]");
    private readonly Option<string> metric = CommonOptions.Metric("Rank by this metric (losses ascending; cvAccuracy: the configurations evaluate cross-validated)", crossValidated: true);
    private readonly Option<string> dataset = new("--dataset", "-d")
    {
        Description = "Only searches on this dataset (mnist, fashion-mnist); across searches only",
        HelpName = "dataset",
    };

    private readonly Option<bool> includePruned = new("--include-pruned")
    {
        Description = "Also rank trials their search's pruner stopped early",
    };

    public LeaderboardCommand(CliContext context)
        : base(context, "leaderboard", "The best succeeded trials, of one search or across searches")
    {
        Add(searchId, top, metric, dataset, includePruned);
        Validators.Add(result =>
        {
            if (result.GetValue(searchId) is not null && result.GetValue(dataset) is not null)
            {
                result.AddError("--dataset applies to the leaderboard across searches; leave out the search id or --dataset.");
            }
        });
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var search = parseResult.GetValue(searchId);
        var by = parseResult.GetValue(metric) ?? "testAccuracy";
        var filter = parseResult.GetValue(dataset);
        var client = Context.Client(parseResult);
        var entries = await client.GetLeaderboardAsync(search, filter, parseResult.GetValue(top), parseResult.GetValue(metric), parseResult.GetValue(includePruned), cancellationToken);
        var scope = search is { } id ? $"search {id}" : filter is null ? "all searches" : $"all {filter} searches";
        if (entries.Count == 0)
        {
            Context.Console.MarkupLine(Markup.Escape($"no succeeded trials yet in {scope}."));
            return ExitCodes.Success;
        }

        // One search's columns are its axes; across searches, every axis the entries' grid points have.
        var hyperparameters = new Hyperparameters(await client.GetVocabularyAsync(cancellationToken));
        var columns = search is { } one
            ? hyperparameters.For(await client.GetSearchAsync(one, cancellationToken), entries[0].Config)
            : hyperparameters.For(entries);
        Context.Console.MarkupLine($"[bold]{Markup.Escape($"best of {scope} by {by}")}[/]");
        Context.Console.Write(LeaderboardTable.Of(entries, hyperparameters, columns));
        return ExitCodes.Success;
    }
}
