using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

public sealed class LeaseDisposalTests
{
    [Fact]
    public async Task Lease_OutOfScopeWithoutAnOutcome_QueuesTheTrialAgainWithItsAttemptGivenBack()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        long trialId;

        await using (var lease = await queue.ClaimAsync("worker-a", default))
        {
            Assert.NotNull(lease);
            trialId = lease.TrialId;
            Assert.True(await queue.RecordEpochAsync(lease, QueueTestData.Epoch(1, trainLoss: 1), checkpoint: null, default));
        }

        Assert.Equal("queued", await QueueTestData.TrialColumnAsync<string>(db, trialId, "status"));
        Assert.Equal(0, await QueueTestData.TrialColumnAsync<int>(db, trialId, "attempts"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, trialId, "lease_token IS NULL AND available_at <= now()"));
        await using var again = await queue.ClaimAsync("worker-b", default);
        Assert.Equal(trialId, again?.TrialId);
        Assert.Equal(1, again?.Attempt);
    }

    [Fact]
    public async Task Lease_CompletedThenOutOfScope_StaysSucceeded()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        TrialLease? completed;

        await using (var lease = await queue.ClaimAsync("worker-a", default))
        {
            completed = lease;
            Assert.True(await queue.CompleteAsync(lease!, QueueTestData.Result, model: null, default));
            Assert.True(lease!.IsSettled);
        }

        Assert.False(await completed!.HandBackAsync());
        Assert.Equal("succeeded", await QueueTestData.TrialColumnAsync<string>(db, completed.TrialId, "status"));
        Assert.Equal(1, await QueueTestData.TrialColumnAsync<int>(db, completed.TrialId, "attempts"));
    }

    [Fact]
    public async Task Lease_FailedThenOutOfScope_KeepsItsBackoff()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { RetryBackoff = TimeSpan.FromMinutes(10), MaxRetryBackoff = TimeSpan.FromHours(1) });
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        long trialId;

        await using (var lease = await queue.ClaimAsync("worker-a", default))
        {
            trialId = lease!.TrialId;
            Assert.True(await queue.FailAsync(lease, "diverged", default));
        }

        Assert.Equal(1, await QueueTestData.TrialColumnAsync<int>(db, trialId, "attempts"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, trialId, "status = 'queued' AND available_at > now() + interval '9 minutes'"));
    }

    [Fact]
    public async Task Lease_HandedBackFromACancellationCallbackAndDisposedTwice_ReleasesTheTrialOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var first = (await queue.ClaimAsync("worker-a", default))!;
        using var stopping = new CancellationTokenSource();
        await using var registration = stopping.Token.Register(() => _ = first.HandBackAsync());

        await stopping.CancelAsync();
        await first.DisposeAsync();

        Assert.Same(first.HandBackAsync(), first.HandBackAsync());
        Assert.True(await first.HandBackAsync());
        var second = (await queue.ClaimAsync("worker-b", default))!;
        await first.DisposeAsync();
        Assert.Equal(second.Token, await QueueTestData.TrialColumnAsync<Guid>(db, second.TrialId, "lease_token"));
        Assert.Equal(1, await QueueTestData.TrialColumnAsync<int>(db, second.TrialId, "attempts"));
        Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, second.TrialId, "status"));
    }

    [Fact]
    public async Task Lease_ThatLostItsFence_DoesNothingWhenDisposed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var old = (await queue.ClaimAsync("worker-old", default))!;
        await QueueTestData.ExpireLeaseAsync(db, old.TrialId);
        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        var current = (await queue.ClaimAsync("worker-new", default))!;

        Assert.Equal(HeartbeatOutcome.LeaseLost, await queue.HeartbeatAsync(old, default));
        Assert.True(old.IsSettled);
        await old.DisposeAsync();

        Assert.False(await old.HandBackAsync());
        Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, current.TrialId, "status"));
        Assert.Equal(current.Token, await QueueTestData.TrialColumnAsync<Guid>(db, current.TrialId, "lease_token"));
        Assert.Equal(2, await QueueTestData.TrialColumnAsync<int>(db, current.TrialId, "attempts"));
    }
}
