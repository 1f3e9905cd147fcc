using GridSearch.Core.Leaderboard;
using GridSearch.Domain.Leaderboard;
using GridSearch.Testing.Database;
using static GridSearch.Core.Tests.Leaderboard.RepeatedSearch;

namespace GridSearch.Core.Tests.Leaderboard;

public sealed class ConfigurationBoardTests
{
    [Fact]
    public async Task SearchBoard_OfRepeatedConfigurations_HasOneEntryPerGridPointAsItsBestRepeatWithItsSummary()
    {
        await using var db = await TestDatabase.CreateAsync();
        // width 10: mean 0.98, 95% interval 0.9712201..0.9887799 (Domain's MetricSummaryTests).
        // width 20: 0.015 lower with the same spread: Welch t = 3.3541, df 8, p ≈ 0.0100: told apart from the best.
        // width 30: its third repeat fails, so n = 2: mean 0.977, s²/n = 0.000025; t = 0.003 / √0.000035 = 0.51: tied.
        var (search, trials) = await RunAsync(db,
            new Configuration(10, 0.97, 0.98, 0.99, 0.98, 0.98),
            new Configuration(20, 0.955, 0.965, 0.975, 0.965, 0.965),
            new Configuration(30, 0.972, 0.982, null));

        var board = await new LeaderboardQuery(db.DataSource).ForSearchAsync(search, 10, LeaderboardMetric.TestAccuracy, default);

        Assert.Equal(["""{"width": 10}""", """{"width": 30}""", """{"width": 20}"""], board.Select(e => e.GridPointJson));
        Assert.Equal([1, 2, 3], board.Select(e => e.Rank));
        Assert.Equal([trials[0][2], trials[2][1], trials[1][2]], board.Select(e => e.TrialId));
        Assert.Equal([0.99, 0.982, 0.975], board.Select(e => e.TestAccuracy));
        Assert.Equal([5, 2, 5], board.Select(e => e.Repeats!.Summary.N));
        Assert.Equal([true, true, false], board.Select(e => e.Repeats!.TiedWithBest));
        Assert.Equal(trials[0], board[0].Repeats!.TrialIds);
        Assert.Equal(trials[2].Take(2), board[1].Repeats!.TrialIds);
        var best = board[0].Repeats!;
        Assert.Equal(LeaderboardMetric.TestAccuracy, best.Metric);
        Assert.Equal(0.98, best.Summary.Mean, 10);
        Assert.Equal(0.9712201, best.Summary.Low!.Value, 7);
        Assert.Equal(0.9887799, best.Summary.High!.Value, 7);
        Assert.Equal((0.97, 0.99), (best.Summary.Min, best.Summary.Max));
    }

    [Fact]
    public async Task SearchBoard_ByLowerBound_PutsTheSteadyConfigurationBeforeTheNoisyOneWithTheHigherMean()
    {
        await using var db = await TestDatabase.CreateAsync();
        // Noisy: mean 0.96333 but lower bound 0.82652 (t(0.975, 2) = 4.3027); steady: mean 0.96, lower bound 0.95122.
        var (search, trials) = await RunAsync(db,
            new Configuration(10, 0.90, 0.99, 1.00),
            new Configuration(20, 0.95, 0.96, 0.97, 0.96, 0.96));
        var query = new LeaderboardQuery(db.DataSource);

        var byMean = await query.ForSearchAsync(search, 10, LeaderboardMetric.TestAccuracy, includePruned: false, RankBy.Mean, default);
        var byLowerBound = await query.ForSearchAsync(search, 10, LeaderboardMetric.TestAccuracy, includePruned: false, RankBy.LowerBound, default);
        var firstOnly = await query.ForSearchAsync(search, 1, LeaderboardMetric.TestAccuracy, includePruned: false, RankBy.LowerBound, default);

        Assert.Equal([trials[0][2], trials[1][2]], byMean.Select(e => e.TrialId));
        Assert.Equal([trials[1][2], trials[0][2]], byLowerBound.Select(e => e.TrialId));
        Assert.Equal([trials[1][2]], firstOnly.Select(e => e.TrialId));
    }

    [Fact]
    public async Task SearchBoard_APrunedRepeat_CountsOnlyWithIncludePruned()
    {
        await using var db = await TestDatabase.CreateAsync();
        // width 10 finishes at 0.96 and is pruned at 0.99 in its second repeat; width 20 finishes once at 0.97.
        var (search, trials) = await RunAsync(db, new Configuration(10, 0.96, -0.99), new Configuration(20, 0.97));
        var query = new LeaderboardQuery(db.DataSource);

        var finished = await query.ForSearchAsync(search, 10, LeaderboardMetric.TestAccuracy, includePruned: false, default);
        var withPruned = await query.ForSearchAsync(search, 10, LeaderboardMetric.TestAccuracy, includePruned: true, default);

        Assert.Equal([trials[1][0], trials[0][0]], finished.Select(e => e.TrialId));
        Assert.Equal([1, 1], finished.Select(e => e.Repeats!.Summary.N));
        Assert.All(finished, e => Assert.Null(e.Repeats!.Summary.Low));
        Assert.All(finished, e => Assert.Null(e.Repeats!.TiedWithBest));
        Assert.Equal([trials[0][1], trials[1][0]], withPruned.Select(e => e.TrialId));
        Assert.Equal(0.975, withPruned[0].Repeats!.Summary.Mean, 10);
    }

    [Fact]
    public async Task SearchBoard_ByLoss_SummarizesTheLoss()
    {
        await using var db = await TestDatabase.CreateAsync();
        // The helper's loss is 1 − accuracy: width 20's losses 0.05, 0.03 (mean 0.04) beat width 10's 0.10, 0.08.
        var (search, trials) = await RunAsync(db, new Configuration(10, 0.90, 0.92), new Configuration(20, 0.95, 0.97));

        var board = await new LeaderboardQuery(db.DataSource).ForSearchAsync(search, 10, LeaderboardMetric.TestLoss, default);

        Assert.Equal([trials[1][1], trials[0][1]], board.Select(e => e.TrialId));
        Assert.Equal(LeaderboardMetric.TestLoss, board[0].Repeats!.Metric);
        Assert.Equal(0.04, board[0].Repeats!.Summary.Mean, 10);
    }
}
