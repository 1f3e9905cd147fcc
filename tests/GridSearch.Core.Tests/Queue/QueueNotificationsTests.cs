using System.Diagnostics;
using GridSearch.Core.Queue;
using GridSearch.Testing;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>The queue's LISTEN side: a slot's wait for work, and the change feed the API follows.</summary>
public sealed class QueueNotificationsTests
{
    [Fact]
    public async Task WaitForWork_OnTheEnqueueNotification_WakesWellBeforeTheTimeout()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var notifications = new QueueNotifications(db.DataSource, new QueueOptions());
        var clock = Stopwatch.StartNew();
        var waiting = notifications.WaitForWorkAsync(TimeSpan.FromSeconds(30), default);
        await UntilListeningAsync(db);

        await QueueTestData.EnqueueSearchAsync(db, queue, 1);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"woke after {clock.Elapsed}");
    }

    [Fact]
    public async Task WaitForWork_WhenNothingIsQueued_GivesUpAtTheTimeout()
    {
        await using var db = await TestDatabase.CreateAsync();
        var notifications = new QueueNotifications(db.DataSource, new QueueOptions());
        var clock = Stopwatch.StartNew();

        Assert.False(await notifications.WaitForWorkAsync(TimeSpan.FromMilliseconds(300), default));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitForWork_WhenCancelled_Stops()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var notifications = new QueueNotifications(db.DataSource, new QueueOptions());
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => notifications.WaitForWorkAsync(TimeSpan.FromSeconds(30), stop.Token));

        Assert.Null(await queue.ClaimAsync("worker-a", default));
    }

    // The enqueue must come after the LISTEN, or the test would only show the polling fallback.
    private static async Task UntilListeningAsync(TestDatabase db)
    {
        var deadline = Stopwatch.StartNew();
        while (await db.ScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND state = 'idle'") == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "the waiter never listened");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task FollowChanges_HearsEachCommittedChangesSearch_SaysWhenItListens_AndEndsWhenCancelled()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var notifications = new QueueNotifications(db.DataSource, new QueueOptions());
        var heard = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var states = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        using var stop = new CancellationTokenSource();
        var following = notifications.FollowChangesAsync(heard.Enqueue, states.Enqueue, stop.Token);
        await UntilListeningAsync(db);

        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        await Eventually.HoldsAsync(() => Task.FromResult(heard.Contains(searchId)), TimeSpan.FromSeconds(10), () => $"heard {string.Join(", ", heard)}");
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
        Assert.Equal([true, false], states);
    }

    [Fact]
    public async Task FollowChanges_WithoutAChangesChannel_ReturnsAtOnce_NeverListening()
    {
        await using var db = await TestDatabase.CreateAsync();
        var notifications = new QueueNotifications(db.DataSource, new QueueOptions { ChangesChannel = null });
        var states = new List<bool>();

        await notifications.FollowChangesAsync(_ => { }, states.Add, default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(states);
    }
}
