using System.Globalization;
using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>Every statement that changes a trial names its search on the changes channel, in its own
/// transaction: heard once it commits, once per statement, and never for a write the fence refused.</summary>
public sealed class ChangeNotificationTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task EveryTransition_NotifiesItsSearchOnce_AndAHeartbeatOrARefusedWriteDoesNot()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { MaxAttempts = 3, RetryBackoff = TimeSpan.Zero });
        await using var listener = await ChangeListener.StartAsync(db, "trial_changes");
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 6);
        string[] once = [searchId.ToString(CultureInfo.InvariantCulture)];
        Assert.Equal(once, await listener.DrainAsync(Quiet));

        var a = (await queue.ClaimAsync("worker-a", default))!;
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        Assert.Equal(HeartbeatOutcome.Renewed, await queue.HeartbeatAsync(a, default));
        Assert.Empty(await listener.DrainAsync(Quiet));
        Assert.True(await queue.RecordEpochAsync(a, QueueTestData.Epoch(1, trainLoss: 1), checkpoint: null, default));
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        Assert.True(await queue.CompleteAsync(a, QueueTestData.Result, model: null, default));
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        var b = (await queue.ClaimAsync("worker-a", default))!;
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        Assert.False(await queue.CompleteAsync(a, QueueTestData.Result, model: null, default));
        Assert.False(await queue.RecordEpochAsync(a, QueueTestData.Epoch(2, trainLoss: 1), checkpoint: null, default));
        Assert.Empty(await listener.DrainAsync(Quiet));
        Assert.True(await queue.FailAsync(b, "diverged", default));
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        var many = await QueueTestData.ClaimAsync(queue, "worker-a", 3);
        Assert.Equal([.. once, .. once, .. once], await listener.DrainAsync(Quiet));
        Assert.True(await queue.ReleaseAsync(many[0], default));
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        await QueueTestData.ExpireLeaseAsync(db, many[1].TrialId);
        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        Assert.True(await queue.CompleteAsync(many[2], QueueTestData.Result, model: null, default));
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        var c = (await queue.ClaimAsync("worker-a", default))!;
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        Assert.True(await queue.CancelSearchAsync(searchId, default) > 0);
        Assert.Equal(once, await listener.DrainAsync(Quiet));
        Assert.True(await queue.ConfirmCancelledAsync(c, default));
        Assert.Equal(once, await listener.DrainAsync(Quiet));
    }

    [Fact]
    public async Task Change_RolledBackWithItsTransaction_IsNeverHeard()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await using var listener = await ChangeListener.StartAsync(db, "trial_changes");
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var searchId = await QueueTestData.InsertSearchAsync(connection, transaction);
            await queue.EnqueueAsync(connection, transaction, searchId, QueueTestData.Trials(3), default);
            await transaction.RollbackAsync();
        }

        Assert.Empty(await listener.DrainAsync(Quiet));
        // The listener does hear a change that commits, so the silence above is the rollback's.
        var committed = await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        Assert.Equal([committed.ToString(CultureInfo.InvariantCulture)], await listener.DrainAsync(Quiet));
    }

    [Fact]
    public async Task Change_WithoutAChangesChannel_IsNotNotified()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { ChangesChannel = null });
        await using var listener = await ChangeListener.StartAsync(db, "trial_changes");
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 2);

        Assert.True(await queue.CompleteAsync((await queue.ClaimAsync("worker-a", default))!, QueueTestData.Result, model: null, default));
        Assert.True(await queue.RecordEpochAsync((await queue.ClaimAsync("worker-a", default))!, QueueTestData.Epoch(1, trainLoss: 1), checkpoint: null, default));
        await queue.CancelSearchAsync(searchId, default);

        Assert.Empty(await listener.DrainAsync(Quiet));
        // The same change through a queue with the channel is heard, so the silence above is the setting's.
        var notifying = new TrialQueue(db.DataSource, new QueueOptions());
        var heard = await QueueTestData.EnqueueSearchAsync(db, notifying, 1);
        Assert.Equal([heard.ToString(CultureInfo.InvariantCulture)], await listener.DrainAsync(Quiet));
    }
}
