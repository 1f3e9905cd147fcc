using GridSearch.Api.Hosting;
using GridSearch.Api.Snapshots;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Leaderboard;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Api.Leaderboard;

/// <summary>The leaderboards, across searches and of one search; both read ?top, ?metric and ?includePruned
/// (pruned trials are left out unless it is true) alike.</summary>
public static class LeaderboardApi
{
    public static void MapLeaderboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/leaderboard", GetLeaderboard)
            .WithTags("Leaderboard").WithSummary("The best succeeded trials across searches, optionally of one dataset.");
        app.MapGet("/api/searches/{id:long}/leaderboard", GetSearchLeaderboard)
            .WithMetadata(PolledRead.Instance)
            .WithTags("Searches").WithSummary("The search's top configurations, each its best repeat with all its repeats summarized.")
            .WithDescription("One entry per configuration (grid point): its trial and metrics are its best succeeded repeat's, "
                + "and repeats summarizes the metric over its succeeded repeats (pruned ones only with includePruned): n, mean, "
                + "sample standard deviation, the mean's 95% confidence interval (low..high, Student's t; null when n < 2), min, max, "
                + "the trial ids, and tiedWithBest (Welch's t-test at 5% cannot tell it from the first entry; null when either has n < 2). "
                + "rankBy=mean (default) ranks by the mean; rankBy=lowerBound by the interval's pessimistic end: the lower bound "
                + "for accuracies, the upper bound for losses, so a configuration ranks by the worst its mean plausibly is; one "
                + "with a single repeat has no interval and ranks by its value. metric=cvAccuracy ranks cross-validated configurations, without repeats.");
    }

    public static async Task<Results<Ok<List<LeaderboardEntryResponse>>, ValidationProblem>> GetLeaderboard(
        string? dataset, int? top, string? metric, bool? includePruned, LeaderboardQuery leaderboard, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (count, by) = ReadBoard(top, metric, errors);
        if (dataset is not null && !EnumNames.TryParse<Dataset>(dataset, out _))
        {
            errors.Add("dataset", $"must be one of {string.Join(", ", EnumNames.Choices<Dataset>())}{(DidYouMean.Hint(dataset, EnumNames.Choices<Dataset>()) is { } hint ? "; " + hint : ".")}");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var entries = await leaderboard.AcrossSearchesAsync(dataset, count, by, includePruned ?? false, cancellationToken);
        return TypedResults.Ok(entries.Select(LeaderboardEntryResponses.From).ToList());
    }

    /// <summary>Read once per change of the search for every caller (<see cref="SearchSnapshots"/>), however many poll it.</summary>
    public static async Task<Results<Ok<List<LeaderboardEntryResponse>>, NotFound, ValidationProblem>> GetSearchLeaderboard(
        long id, int? top, string? metric, bool? includePruned, string? rankBy, SearchSnapshots snapshots, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (count, by) = ReadBoard(top, metric, errors);
        var ranking = RankByNames.Read(rankBy, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await snapshots.StatusAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new List<LeaderboardEntryResponse>(await snapshots.LeaderboardAsync(id, count, by, includePruned ?? false, ranking, cancellationToken)));
    }

    /// <summary>How many entries (?top, 10 by default) and by which metric (?metric).</summary>
    private static (int Count, LeaderboardMetric By) ReadBoard(int? top, string? metric, ValidationErrors errors)
    {
        return (Paging.ReadTop(top, errors), LeaderboardMetrics.Read(metric, errors));
    }
}
