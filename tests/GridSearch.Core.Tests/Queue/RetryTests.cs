using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

public sealed class RetryTests
{
    private static readonly QueueOptions TenMinuteBackoff = new() { MaxAttempts = 3, RetryBackoff = TimeSpan.FromMinutes(10), MaxRetryBackoff = TimeSpan.FromHours(1) };

    [Fact]
    public async Task FailedAttempt_IsRetriedAfterAGrowingBackoff_ThenFailsForGoodWithItsError()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, TenMinuteBackoff);
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);

        foreach (var (attempt, backoffMinutes) in new[] { (1, 10), (2, 20) })
        {
            var lease = (await queue.ClaimAsync("worker-a", default))!;
            Assert.Equal(attempt, lease.Attempt);
            Assert.True(await queue.FailAsync(lease, "out of memory " + attempt, default));

            Assert.Equal("queued", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "status"));
            Assert.Equal("out of memory " + attempt, await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "error"));
            var wait = await QueueTestData.TrialColumnAsync<double>(db, lease.TrialId, "extract(epoch FROM available_at - now())::float8");
            Assert.InRange(wait, backoffMinutes * 60 - 5, backoffMinutes * 60);
            Assert.Null(await queue.ClaimAsync("worker-a", default));
            await QueueTestData.SkipBackoffAsync(db, lease.TrialId);
        }

        var last = (await queue.ClaimAsync("worker-a", default))!;
        Assert.Equal(3, last.Attempt);
        Assert.True(await queue.FailAsync(last, "out of memory 3", default));

        Assert.Equal("failed", await QueueTestData.TrialColumnAsync<string>(db, last.TrialId, "status"));
        Assert.Equal("out of memory 3", await QueueTestData.TrialColumnAsync<string>(db, last.TrialId, "error"));
        Assert.Equal(3, await QueueTestData.TrialColumnAsync<int>(db, last.TrialId, "attempts"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, last.TrialId, "finished_at IS NOT NULL AND lease_token IS NULL"));
        await QueueTestData.SkipBackoffAsync(db, last.TrialId);
        Assert.Null(await queue.ClaimAsync("worker-a", default));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(7, 300)]
    [InlineData(1000, 300)]
    public void Backoff_WithEachAttempt_DoublesUpToItsCap(int attempt, int seconds)
    {
        var options = new QueueOptions { RetryBackoff = TimeSpan.FromSeconds(5), MaxRetryBackoff = TimeSpan.FromMinutes(5) };
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.BackoffAfter(attempt));
    }

    [Fact]
    public async Task Release_OfATrial_QueuesItAtOnceWithoutCountingTheAttempt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, TenMinuteBackoff);
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var first = (await queue.ClaimAsync("worker-a", default))!;

        Assert.True(await queue.ReleaseAsync(first, default));

        Assert.Equal("queued", await QueueTestData.TrialColumnAsync<string>(db, first.TrialId, "status"));
        Assert.Equal(0, await QueueTestData.TrialColumnAsync<int>(db, first.TrialId, "attempts"));
        var again = (await queue.ClaimAsync("worker-b", default))!;
        Assert.Equal(first.TrialId, again.TrialId);
        Assert.Equal(1, again.Attempt);
        Assert.False(await queue.CompleteAsync(first, QueueTestData.Result, model: null, default));
    }

    [Fact]
    public async Task Epochs_OfARetriedTrial_AreReplacedNotDuplicated()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { RetryBackoff = TimeSpan.Zero });
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var first = (await queue.ClaimAsync("worker-a", default))!;
        for (var number = 1; number <= 3; number++)
        {
            Assert.True(await queue.RecordEpochAsync(first, QueueTestData.Epoch(number, trainLoss: 9), checkpoint: null, default));
        }

        Assert.True(await queue.FailAsync(first, "crashed", default));
        var second = (await queue.ClaimAsync("worker-a", default))!;
        Assert.Equal(0, await QueueTestData.CountAsync(db, "SELECT count(*) FROM epochs WHERE trial_id = @id", second.TrialId));
        Assert.True(await queue.RecordEpochAsync(second, QueueTestData.Epoch(1, trainLoss: 2), checkpoint: null, default));
        Assert.True(await queue.RecordEpochAsync(second, QueueTestData.Epoch(2, trainLoss: 5), checkpoint: null, default));
        Assert.True(await queue.RecordEpochAsync(second, QueueTestData.Epoch(2, trainLoss: 1), checkpoint: null, default));

        Assert.Equal(2, await QueueTestData.CountAsync(db, "SELECT count(*) FROM epochs WHERE trial_id = @id", second.TrialId));
        Assert.Equal(3, await QueueTestData.CountAsync(db, "SELECT sum(train_loss)::bigint FROM epochs WHERE trial_id = @id", second.TrialId));
    }
}
