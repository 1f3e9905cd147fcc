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

    // The CLI's spelling of each ranking beside the API's (RankBy's names).
    private static readonly Dictionary<string, string> Rankings = new(StringComparer.Ordinal) { ["mean"] = "mean", ["lower-bound"] = "lowerBound" };

    private readonly Option<string> rankBy = RankByOption();

    public LeaderboardCommand(CliContext context)
        : base(context, "leaderboard", "The best succeeded trials, of one search or across searches")
    {
        Add(searchId, top, metric, dataset, includePruned, rankBy);
        Validators.Add(result =>
        {
            if (result.GetValue(searchId) is not null && result.GetValue(dataset) is not null)
            {
                result.AddError("--dataset applies to the leaderboard across searches; leave out the search id or --dataset.");
            }

            if (result.GetValue(searchId) is null && result.GetValue(rankBy) is not null)
            {
                result.AddError("--rank-by applies to one search's leaderboard (its configurations' repeats); give the search id.");
            }
        });
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var search = parseResult.GetValue(searchId);
        var by = parseResult.GetValue(metric) ?? "testAccuracy";
        var filter = parseResult.GetValue(dataset);
        var client = Context.Client(parseResult);
        var ranking = parseResult.GetValue(rankBy) is { } chosen ? Rankings[chosen] : null;
        var entries = await client.GetLeaderboardAsync(search, filter, parseResult.GetValue(top), parseResult.GetValue(metric), parseResult.GetValue(includePruned), cancellationToken, ranking);
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
        var order = ranking is "lowerBound" ? $"{by}'s pessimistic 95% bound" : by;
        Context.Console.MarkupLine($"[bold]{Markup.Escape($"best of {scope} by {order}")}[/]");
        Context.Console.Write(LeaderboardTable.Of(entries, hyperparameters, columns));
        if (LeaderboardTable.Repeated(entries))
        {
            Context.Console.MarkupLine(Markup.Escape(LeaderboardTable.Footnote));
        }

        return ExitCodes.Success;
    }

    private static Option<string> RankByOption()
    {
        var option = new Option<string>("--rank-by")
        {
            Description = "Order one search's configurations by their repeats' mean, or by the pessimistic end of its 95% interval "
                + "(lower bound of an accuracy, upper of a loss) [default: mean]",
            HelpName = "mean|lower-bound",
        };
        option.AcceptOnlyFromAmong([.. Rankings.Keys]);
        return option;
    }
}
