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
    public void Names_are_read_ignoring_case_and_none_means_test_accuracy(string? text, LeaderboardMetric expected)
    {
        Assert.True(LeaderboardMetrics.TryParse(text, out var metric));
        Assert.Equal(expected, metric);
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("1")]
    [InlineData("test_accuracy")]
    [InlineData(" testAccuracy")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(LeaderboardMetrics.TryParse(text, out _));
    }

    [Fact]
    public void Every_metric_reads_back_from_its_name()
    {
        foreach (var metric in Enum.GetValues<LeaderboardMetric>())
        {
            Assert.True(LeaderboardMetrics.TryParse(LeaderboardMetrics.Name(metric), out var read));
            Assert.Equal(metric, read);
        }
    }
}
