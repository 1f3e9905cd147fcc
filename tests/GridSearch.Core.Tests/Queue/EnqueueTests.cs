using GridSearch.Core.Queue;
using GridSearch.Testing.Database;
using Npgsql;

namespace GridSearch.Core.Tests.Queue;

public sealed class EnqueueTests
{
    [Fact]
    public async Task Enqueue_OfTrials_QueuesThemInOrderWithTheConfiguredAttempts()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { MaxAttempts = 5 });

        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 250);

        Assert.Equal(250, await QueueTestData.CountAsync(db,
            """
            SELECT count(*) FROM trials
            WHERE search_id = @id AND status = 'queued' AND attempts = 0 AND max_attempts = 5
              AND NOT cancel_requested AND available_at <= now() AND config ->> 'learningRate' = ordinal::text
            """,
            searchId));
        Assert.Equal("hash-0", (await queue.ClaimAsync("worker-a", default))!.ConfigHash);
    }

    [Fact]
    public async Task Enqueue_InTheCallersTransaction_LeavesNothingWhenItRollsBack()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var searchId = await QueueTestData.InsertSearchAsync(connection, transaction);
            await queue.EnqueueAsync(connection, transaction, searchId, QueueTestData.Trials(10), default);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM trials"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Null(await queue.ClaimAsync("worker-a", default));
    }

    [Fact]
    public async Task Enqueue_OfACombination_QueuesItAtMostOncePerSearch()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var searchId = await QueueTestData.InsertSearchAsync(connection, transaction);
        TrialToEnqueue[] twice = [new(0, "{}", "same", "{}"), new(1, "{}", "same", "{}")];

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => queue.EnqueueAsync(connection, transaction, searchId, twice, default));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("ix_trials_search_id_config_hash", error.ConstraintName);
    }

    [Fact]
    public async Task Enqueue_OfTheSameCombinationByTwoSearches_QueuesItForBoth()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());

        await QueueTestData.EnqueueSearchAsync(db, queue, 3);
        await QueueTestData.EnqueueSearchAsync(db, queue, 3);

        Assert.Equal(6, await db.ScalarAsync("SELECT count(*) FROM trials WHERE status = 'queued'"));
    }
}
