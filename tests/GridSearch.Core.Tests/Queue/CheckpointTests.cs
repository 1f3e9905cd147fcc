using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>A trial's checkpoint is written with its epoch under the lease, survives a rescue, a release and a
/// failed attempt for the next claim to resume from, and is gone once the trial ends.</summary>
public sealed class CheckpointTests
{
    private static byte[] State(int epoch) => [.. Enumerable.Repeat((byte)epoch, 1000)];

    private static Task<long> CheckpointsAsync(TestDatabase db, long trialId) =>
        QueueTestData.CountAsync(db, "SELECT count(*) FROM trial_checkpoints WHERE trial_id = @id", trialId);

    private static Task<long> EpochsAsync(TestDatabase db, long trialId) =>
        QueueTestData.CountAsync(db, "SELECT count(*) FROM epochs WHERE trial_id = @id", trialId);

    /// <summary>Claims the search's one trial and records epochs 1 and 2 with checkpoints, epoch 3 without.</summary>
    private static async Task<TrialLease> RunThreeEpochsAsync(TrialQueue queue)
    {
        var lease = (await queue.ClaimAsync("worker-a", default))!;
        Assert.True(await queue.RecordEpochAsync(lease, QueueTestData.Epoch(1, trainLoss: 1), State(1), default));
        Assert.True(await queue.RecordEpochAsync(lease, QueueTestData.Epoch(2, trainLoss: 2), State(2), default));
        Assert.True(await queue.RecordEpochAsync(lease, QueueTestData.Epoch(3, trainLoss: 3), checkpoint: null, default));
        return lease;
    }

    [Fact]
    public async Task Checkpoint_EachEpoch_ReplacesTheTrialsOne_AndTheClaimThatFollowsARescueResumesFromIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var dead = await RunThreeEpochsAsync(queue);
        Assert.Equal(1, await CheckpointsAsync(db, dead.TrialId));

        await QueueTestData.ExpireLeaseAsync(db, dead.TrialId);
        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        var next = (await queue.ClaimAsync("worker-b", default))!;
        var checkpoint = await queue.LoadCheckpointAsync(next, default);

        Assert.NotNull(checkpoint);
        Assert.Equal(2, next.CheckpointEpoch);
        Assert.Equal(2, checkpoint.Epoch);
        Assert.Equal(State(2), checkpoint.State);
        // Epoch 3 came after the checkpoint: the resumed attempt trains and records it again.
        Assert.Equal(2, await EpochsAsync(db, next.TrialId));
        Assert.Equal(2, next.Attempt);
    }

    [Fact]
    public async Task Trial_HandedBack_ResumesFromItsCheckpoint_AndTheOldLeaseCanNeitherReadNorWriteIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var first = await RunThreeEpochsAsync(queue);
        Assert.True(await queue.ReleaseAsync(first, default));

        var second = (await queue.ClaimAsync("worker-b", default))!;

        Assert.Equal(2, (await queue.LoadCheckpointAsync(second, default))!.Epoch);
        Assert.Null(await queue.LoadCheckpointAsync(first, default));
        Assert.False(await queue.RecordEpochAsync(first, QueueTestData.Epoch(3, trainLoss: 9), State(3), default));
        Assert.Equal(State(2), (await queue.LoadCheckpointAsync(second, default))!.State);
        Assert.Equal(2, await EpochsAsync(db, second.TrialId));
    }

    [Fact]
    public async Task Trial_WithoutACheckpoint_StartsOverAtItsNextClaim()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var first = (await queue.ClaimAsync("worker-a", default))!;
        Assert.True(await queue.RecordEpochAsync(first, QueueTestData.Epoch(1, trainLoss: 1), checkpoint: null, default));
        Assert.True(await queue.ReleaseAsync(first, default));

        var second = (await queue.ClaimAsync("worker-b", default))!;

        Assert.Null(first.CheckpointEpoch);
        Assert.Null(second.CheckpointEpoch);
        Assert.Null(await queue.LoadCheckpointAsync(second, default));
        Assert.Equal(0, await EpochsAsync(db, second.TrialId));
    }

    [Fact]
    public async Task Checkpoint_OfAFailedAttempt_IsKeptForItsRetry()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { RetryBackoff = TimeSpan.Zero });
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var first = await RunThreeEpochsAsync(queue);
        Assert.True(await queue.FailAsync(first, "out of memory", default));

        var retry = (await queue.ClaimAsync("worker-b", default))!;

        Assert.Equal(2, (await queue.LoadCheckpointAsync(retry, default))!.Epoch);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("cancel confirmed")]
    [InlineData("failed for good")]
    [InlineData("rescued out of attempts")]
    [InlineData("cancelled while queued")]
    public async Task Checkpoint_WhenTheTrialEnds_IsDropped(string ending)
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { MaxAttempts = 1 });
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var lease = await RunThreeEpochsAsync(queue);

        switch (ending)
        {
            case "completed":
                Assert.True(await queue.CompleteAsync(lease, QueueTestData.Result, model: null, default));
                break;
            case "cancel confirmed":
                Assert.True(await queue.ConfirmCancelledAsync(lease, default));
                break;
            case "failed for good":
                Assert.True(await queue.FailAsync(lease, "boom", default));
                break;
            case "rescued out of attempts":
                await QueueTestData.ExpireLeaseAsync(db, lease.TrialId);
                Assert.Equal(1, await queue.RescueExpiredAsync(default));
                break;
            case "cancelled while queued":
                Assert.True(await queue.ReleaseAsync(lease, default));
                Assert.Equal(1, await CheckpointsAsync(db, lease.TrialId));
                Assert.Equal(1, await queue.CancelSearchAsync(searchId, default));
                break;
        }

        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, lease.TrialId, "status IN ('succeeded', 'failed', 'cancelled')"));
        Assert.Equal(0, await CheckpointsAsync(db, lease.TrialId));
        Assert.Equal(3, await EpochsAsync(db, lease.TrialId));
    }
}
