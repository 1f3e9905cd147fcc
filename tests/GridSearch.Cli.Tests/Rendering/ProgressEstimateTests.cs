using GridSearch.Cli.Api;
using GridSearch.Cli.Rendering;
using GridSearch.Contracts.Searches;

namespace GridSearch.Cli.Tests.Rendering;

public sealed class ProgressEstimateTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static SearchResponse Search(string status, TrialCountsResponse counts, DateTimeOffset? startedAt, DateTimeOffset? finishedAt = null) =>
        new(1, "s", "mnist", "mlp", status, default, [], counts.Queued + counts.Running + counts.Finished + counts.Cancelled, counts, null, Start, startedAt, finishedAt);

    [Fact]
    public void Of_ARunningSearch_EstimatesTheTimeLeftFromTheRateTrialsFinishedAtSoFar()
    {
        // 10 trained in 20 minutes; 30 to go (28 queued, 2 running) at that rate is 60 minutes.
        var search = Search("running", new TrialCountsResponse(28, 2, 9, 1, 0), Start);

        var estimate = ProgressEstimate.Of(search, Start.AddMinutes(20));

        Assert.Equal(40, estimate.Total);
        Assert.Equal(10, estimate.Finished);
        Assert.Equal(TimeSpan.FromMinutes(20), estimate.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(60), estimate.Left);
    }

    [Fact]
    public void Of_ASearchWithNothingFinished_HasNoEstimateYet()
    {
        var estimate = ProgressEstimate.Of(Search("running", new TrialCountsResponse(3, 1, 0, 0, 0), Start), Start.AddMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(5), estimate.Elapsed);
        Assert.Null(estimate.Left);
    }

    [Fact]
    public void Of_AQueuedSearch_HasNeitherElapsedNorLeft()
    {
        var estimate = ProgressEstimate.Of(Search("queued", new TrialCountsResponse(4, 0, 0, 0, 0), null), Start.AddMinutes(5));

        Assert.Null(estimate.Elapsed);
        Assert.Null(estimate.Left);
    }

    [Fact]
    public void Of_ACompletedSearch_TookFromItsStartToItsLastFinishWithNothingLeft()
    {
        var search = Search("completed", new TrialCountsResponse(0, 0, 4, 0, 0), Start, Start.AddMinutes(7));

        var estimate = ProgressEstimate.Of(search, Start.AddHours(3));

        Assert.Equal(TimeSpan.FromMinutes(7), estimate.Elapsed);
        Assert.Equal(TimeSpan.Zero, estimate.Left);
    }
}
