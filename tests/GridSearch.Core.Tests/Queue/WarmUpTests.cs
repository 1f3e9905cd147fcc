using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>A slot's warm-up sends the queue's writes for a lease nobody holds: the fences refuse them all.</summary>
public sealed class WarmUpTests
{
    [Fact]
    public async Task WarmUp_BesideRunningAndQueuedTrials_WritesNothingAndMovesNoLease()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 2);
        var running = (await queue.ClaimAsync("worker-a", default))!;
        Assert.True(await queue.RecordEpochAsync(running, QueueTestData.Epoch(1, trainLoss: 1), checkpoint: null, default));
        var expiresBefore = await QueueTestData.TrialColumnAsync<DateTime>(db, running.TrialId, "lease_expires_at");

        await new QueueWarmUp(queue).WarmUpAsync(default);

        Assert.Equal(1, await QueueTestData.CountAsync(db, "SELECT count(*) FROM epochs WHERE search_id = @id", searchId));
        Assert.Equal(0, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trial_checkpoints WHERE trial_id >= @id", 0));
        Assert.Equal(0, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trial_models WHERE trial_id >= @id", 0));
        Assert.Equal(1, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'running'", searchId));
        Assert.Equal(1, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'queued'", searchId));
        Assert.Equal(expiresBefore, await QueueTestData.TrialColumnAsync<DateTime>(db, running.TrialId, "lease_expires_at"));
    }
}
