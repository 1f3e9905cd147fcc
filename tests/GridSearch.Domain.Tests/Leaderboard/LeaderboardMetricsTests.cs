using GridSearch.Domain.Leaderboard;

namespace GridSearch.Domain.Tests.Leaderboard;

public sealed class LeaderboardMetricsTests
{
    [Theory]
    [InlineData("testAccuracy", LeaderboardMetric.TestAccuracy)]
    [InlineData("TESTLOSS", LeaderboardMetric.TestLoss)]
    [InlineData("valaccuracy", LeaderboardMetric.ValAccuracy)]
    [InlineData("valLoss", LeaderboardMetric.ValLoss)]
    [InlineData(null, LeaderboardMetric.TestAccuracy)]
    [InlineData("", LeaderboardMetric.TestAccuracy)]
    public void TryParse_OfANameInAnyCase_ReadsIt_AndNoneMeansTestAccuracy(string? text, LeaderboardMetric expected)
    {
        Assert.True(LeaderboardMetrics.TryParse(text, out var metric));
        Assert.Equal(expected, metric);
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("1")]
    [InlineData("test_accuracy")]
    [InlineData(" testAccuracy")]
    public void TryParse_OfAnythingElse_Refuses(string text)
    {
        Assert.False(LeaderboardMetrics.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_OfEveryMetricsName_ReadsTheMetricBack()
    {
        foreach (var metric in Enum.GetValues<LeaderboardMetric>())
        {
            Assert.True(LeaderboardMetrics.TryParse(LeaderboardMetrics.Name(metric), out var read));
            Assert.Equal(metric, read);
        }
    }
}
