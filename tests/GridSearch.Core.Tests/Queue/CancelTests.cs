using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

public sealed class CancelTests
{
    [Fact]
    public async Task Cancel_OfASearch_CancelsItsQueuedTrialsAtOnceAndStopsClaims()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 3);

        Assert.Equal(3, await queue.CancelSearchAsync(searchId, default));

        Assert.Null(await queue.ClaimAsync("worker-a", default));
        Assert.Equal(3, await QueueTestData.CountAsync(db,
            "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'cancelled' AND finished_at IS NOT NULL", searchId));
        Assert.Equal(1, await QueueTestData.CountAsync(db, "SELECT count(*) FROM searches WHERE id = @id AND cancelled_at IS NOT NULL", searchId));
    }

    [Fact]
    public async Task Cancel_OfASearch_AsksItsRunningTrialsToStopAndTheirWorkersConfirm()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 2);
        var running = (await queue.ClaimAsync("worker-a", default))!;

        Assert.Equal(2, await queue.CancelSearchAsync(searchId, default));

        Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, running.TrialId, "status"));
        Assert.Equal(HeartbeatOutcome.CancelRequested, await queue.HeartbeatAsync(running, default));
        Assert.True(await queue.RecordEpochAsync(running, QueueTestData.Epoch(1, trainLoss: 1), checkpoint: null, default));
        Assert.True(await queue.ConfirmCancelledAsync(running, default));
        Assert.Equal("cancelled", await QueueTestData.TrialColumnAsync<string>(db, running.TrialId, "status"));
        Assert.Equal(HeartbeatOutcome.LeaseLost, await queue.HeartbeatAsync(running, default));
        Assert.Null(await queue.ClaimAsync("worker-b", default));
    }

    [Fact]
    public async Task Cancel_Again_ChangesNothingAndLeavesOtherSearchesUntouched()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var cancelled = await QueueTestData.EnqueueSearchAsync(db, queue, 2);
        var other = await QueueTestData.EnqueueSearchAsync(db, queue, 2);

        Assert.Equal(2, await queue.CancelSearchAsync(cancelled, default));
        Assert.Equal(0, await queue.CancelSearchAsync(cancelled, default));

        Assert.Equal(2, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'queued'", other));
        Assert.Equal(other, (await queue.ClaimAsync("worker-a", default))!.SearchId);
    }

    [Fact]
    public async Task Trial_FailedOrReleasedAfterACancelRequest_EndsCancelledNotQueuedKeepingItsAttempt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { RetryBackoff = TimeSpan.Zero });
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 2);
        var failing = (await queue.ClaimAsync("worker-a", default))!;
        var releasing = (await queue.ClaimAsync("worker-b", default))!;
        await queue.CancelSearchAsync(searchId, default);

        Assert.True(await queue.FailAsync(failing, "diverged", default));
        Assert.True(await queue.ReleaseAsync(releasing, default));

        Assert.Equal("cancelled", await QueueTestData.TrialColumnAsync<string>(db, failing.TrialId, "status"));
        Assert.Equal("diverged", await QueueTestData.TrialColumnAsync<string>(db, failing.TrialId, "error"));
        Assert.Equal("cancelled", await QueueTestData.TrialColumnAsync<string>(db, releasing.TrialId, "status"));
        // Both attempts ran before the search was cancelled, so both count.
        Assert.Equal(1, await QueueTestData.TrialColumnAsync<int>(db, failing.TrialId, "attempts"));
        Assert.Equal(1, await QueueTestData.TrialColumnAsync<int>(db, releasing.TrialId, "attempts"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, releasing.TrialId, "finished_at IS NOT NULL AND lease_token IS NULL"));
        Assert.Null(await queue.ClaimAsync("worker-c", default));
    }
}
