using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

public sealed class LeaseTests
{
    [Fact]
    public async Task Lease_Expired_IsRescuedAndOnlyTheNewOwnerCanWrite()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var old = (await queue.ClaimAsync("worker-old", default))!;
        Assert.True(await queue.RecordEpochAsync(old, QueueTestData.Epoch(1, trainLoss: 9), checkpoint: null, default));

        await QueueTestData.ExpireLeaseAsync(db, old.TrialId);
        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        var current = (await queue.ClaimAsync("worker-new", default))!;

        Assert.Equal(old.TrialId, current.TrialId);
        Assert.Equal(2, current.Attempt);
        Assert.Equal(HeartbeatOutcome.LeaseLost, await queue.HeartbeatAsync(old, default));
        Assert.False(await queue.RecordEpochAsync(old, QueueTestData.Epoch(2, trainLoss: 9), checkpoint: null, default));
        Assert.False(await queue.CompleteAsync(old, QueueTestData.Result with { TestAccuracy = 0.1 }, model: null, default));
        Assert.False(await queue.FailAsync(old, "late", default));
        Assert.False(await queue.ReleaseAsync(old, default));
        Assert.False(await queue.ConfirmCancelledAsync(old, default));

        Assert.Equal(HeartbeatOutcome.Renewed, await queue.HeartbeatAsync(current, default));
        Assert.True(await queue.RecordEpochAsync(current, QueueTestData.Epoch(1, trainLoss: 1), checkpoint: null, default));
        Assert.True(await queue.CompleteAsync(current, QueueTestData.Result, model: null, default));
        Assert.Equal("succeeded", await QueueTestData.TrialColumnAsync<string>(db, current.TrialId, "status"));
        Assert.Equal("worker-new", await QueueTestData.TrialColumnAsync<string>(db, current.TrialId, "worker"));
        Assert.Equal(0.91, await QueueTestData.TrialColumnAsync<double>(db, current.TrialId, "test_accuracy"));
        Assert.Equal(1, await QueueTestData.CountAsync(db, "SELECT count(*) FROM epochs WHERE trial_id = @id AND train_loss = 1", current.TrialId));
        Assert.Equal(1, await QueueTestData.CountAsync(db, "SELECT count(*) FROM epochs WHERE trial_id = @id", current.TrialId));
    }

    [Fact]
    public async Task Lease_LeftToRunOut_IsRescuedByTheClock()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { LeaseDuration = TimeSpan.FromMilliseconds(500) });
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var lease = (await queue.ClaimAsync("worker-a", default))!;

        Assert.Equal(0, await queue.RescueExpiredAsync(default));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        Assert.Equal("queued", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "status"));
        Assert.StartsWith("lease expired", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_ExtendsTheLease_SoTheTrialIsNotRescued()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { LeaseDuration = TimeSpan.FromMinutes(10) });
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var lease = (await queue.ClaimAsync("worker-a", default))!;
        await QueueTestData.ExpireLeaseAsync(db, lease.TrialId);

        Assert.Equal(HeartbeatOutcome.Renewed, await queue.HeartbeatAsync(lease, default));

        Assert.Equal(0, await queue.RescueExpiredAsync(default));
        var leaseSeconds = await QueueTestData.TrialColumnAsync<double>(db, lease.TrialId, "extract(epoch FROM lease_expires_at - now())::float8");
        Assert.InRange(leaseSeconds, 590, 600);
    }

    [Fact]
    public async Task Rescue_FailsATrialOutOfAttempts_AndCancelsOneAskedToStop()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { MaxAttempts = 1 });
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var exhausted = (await queue.ClaimAsync("worker-a", default))!;
        var cancelledSearch = await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var cancelled = (await queue.ClaimAsync("worker-b", default))!;
        Assert.Equal(1, await queue.CancelSearchAsync(cancelledSearch, default));
        await QueueTestData.ExpireLeaseAsync(db, exhausted.TrialId);
        await QueueTestData.ExpireLeaseAsync(db, cancelled.TrialId);

        Assert.Equal(2, await queue.RescueExpiredAsync(default));

        Assert.Equal("failed", await QueueTestData.TrialColumnAsync<string>(db, exhausted.TrialId, "status"));
        Assert.Equal("lease expired: worker worker-a stopped renewing attempt 1 of 1",
            await QueueTestData.TrialColumnAsync<string>(db, exhausted.TrialId, "error"));
        Assert.Equal("cancelled", await QueueTestData.TrialColumnAsync<string>(db, cancelled.TrialId, "status"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, exhausted.TrialId, "finished_at IS NOT NULL AND lease_token IS NULL"));
        Assert.Null(await queue.ClaimAsync("worker-c", default));
    }
}
