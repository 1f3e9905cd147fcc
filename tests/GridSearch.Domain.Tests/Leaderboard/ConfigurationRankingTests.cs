using GridSearch.Domain.Analysis;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Leaderboard;

namespace GridSearch.Domain.Tests.Leaderboard;

public sealed class ConfigurationRankingTests
{
    // steady: mean 0.96, interval 0.95122..0.96878 (0.98's five values less 0.02).
    // noisy: 0.90, 0.99, 1.00: mean 0.96333, s = 0.055076, half-width = t(0.975, 2) · s/√3 = 4.302653 · 0.031798 = 0.13682,
    // so its lower bound 0.82652 is the lowest. single: one value, 0.97.
    private static readonly MetricSummary Steady = MetricSummary.Of([0.95, 0.96, 0.97, 0.96, 0.96]);
    private static readonly MetricSummary Noisy = MetricSummary.Of([0.90, 0.99, 1.00]);
    private static readonly MetricSummary Single = MetricSummary.Of([0.97]);

    [Fact]
    public void Rank_ByMean_PutsTheHighestMeanAccuracyFirst()
    {
        var ranked = ConfigurationRanking.Rank([("steady", Steady), ("noisy", Noisy), ("single", Single)], LeaderboardMetric.TestAccuracy, RankBy.Mean);

        Assert.Equal(["single", "noisy", "steady"], ranked.Select(r => r.Item));
        Assert.Equal([1, 2, 3], ranked.Select(r => r.Rank));
        // The best has one repeat: nothing to test against.
        Assert.All(ranked, r => Assert.Null(r.TiedWithBest));
    }

    [Fact]
    public void Rank_ByLowerBound_PutsTheSteadyConfigurationBeforeTheNoisyOne()
    {
        Assert.Equal(0.82652, Noisy.Low!.Value, 5);

        var ranked = ConfigurationRanking.Rank([("noisy", Noisy), ("steady", Steady)], LeaderboardMetric.TestAccuracy, RankBy.LowerBound);

        Assert.Equal(["steady", "noisy"], ranked.Select(r => r.Item));
        // Welch: t = (0.96 − 0.96333) / √(0.00001 + 0.0010111) ≈ −0.10, far from significant.
        Assert.Equal([true, true], ranked.Select(r => r.TiedWithBest));
    }

    [Fact]
    public void Rank_ByLowerBoundOfALoss_UsesTheUpperEnd()
    {
        // As losses: steady's upper end 0.96878 beats noisy's 0.96333 + 0.13682 = 1.10015; by mean steady (0.96) also leads.
        var ranked = ConfigurationRanking.Rank([("noisy", Noisy), ("steady", Steady), ("single", MetricSummary.Of([0.965]))], LeaderboardMetric.TestLoss, RankBy.LowerBound);

        Assert.Equal(["single", "steady", "noisy"], ranked.Select(r => r.Item));
        Assert.Equal(Steady.High!.Value, ConfigurationRanking.Key(Steady, LeaderboardMetric.TestLoss, RankBy.LowerBound), 12);
        Assert.Equal(0.965, ConfigurationRanking.Key(MetricSummary.Of([0.965]), LeaderboardMetric.TestLoss, RankBy.LowerBound), 12);
    }

    [Fact]
    public void Rank_AConfigurationTellableFromTheBest_IsNotTied()
    {
        // The pair of WelchTestTests.Of_OverlappingIntervals_CanStillTellTheMeansApart: p ≈ 0.0100.
        var best = MetricSummary.Of([0.97, 0.98, 0.99, 0.98, 0.98]);
        var worse = MetricSummary.Of([0.955, 0.965, 0.975, 0.965, 0.965]);

        var ranked = ConfigurationRanking.Rank([("worse", worse), ("single", Single), ("best", best)], LeaderboardMetric.TestAccuracy, RankBy.Mean);

        Assert.Equal(["best", "single", "worse"], ranked.Select(r => r.Item));
        Assert.Equal([true, null, false], ranked.Select(r => r.TiedWithBest));
    }

    [Fact]
    public void Rank_EqualKeys_KeepTheGivenOrder()
    {
        var ranked = ConfigurationRanking.Rank([("b", Single), ("a", Single)], LeaderboardMetric.TestAccuracy, RankBy.Mean);

        Assert.Equal(["b", "a"], ranked.Select(r => r.Item));
    }

    [Theory]
    [InlineData(null, RankBy.Mean)]
    [InlineData("mean", RankBy.Mean)]
    [InlineData("lowerBound", RankBy.LowerBound)]
    [InlineData("LOWERBOUND", RankBy.LowerBound)]
    public void Read_AName_GivesItsRanking(string? text, RankBy expected)
    {
        var errors = new ValidationErrors();

        Assert.Equal(expected, RankByNames.Read(text, errors));
        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void Read_AnUnknownName_NamesRankBy()
    {
        var errors = new ValidationErrors();

        RankByNames.Read("median", errors);

        Assert.Contains("rankBy", errors.ToDictionary().Keys);
    }
}
