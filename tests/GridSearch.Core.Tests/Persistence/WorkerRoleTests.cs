using GridSearch.Core.Models;
using GridSearch.Core.Queue;
using GridSearch.Core.Tests.Queue;
using GridSearch.Core.Workers;
using GridSearch.Domain.Vocabulary;
using GridSearch.Testing.Database;
using Npgsql;

namespace GridSearch.Core.Tests.Persistence;

/// <summary>
/// The gridsearch_worker role (migration WorkerRole) lets a worker run the queue and nothing else. The
/// test logs in as a user in that role, as a team's workers would (docs/operations.md, "Workers' database role").
/// </summary>
public sealed class WorkerRoleTests
{
    private const string InsufficientPrivilege = "42501";

    // Roles are cluster-wide, and test runs share the cluster: made once, tolerating a concurrent run.
    private const string CreateLoginUser = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gridsearch_worker_test') THEN
                CREATE ROLE gridsearch_worker_test LOGIN PASSWORD 'gridsearch_worker_test' IN ROLE gridsearch_worker;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END $$;
        """;

    [Theory]
    [InlineData("SELECT count(*) FROM api_keys")]
    [InlineData("UPDATE searches SET cancelled_at = now()")]
    [InlineData("INSERT INTO searches (name, dataset, model, definition, trial_count, created_at) VALUES ('x', 'mnist', 'mlp', '{}', 0, now())")]
    [InlineData("DELETE FROM searches")]
    [InlineData("SELECT count(submitted_by_key_id) FROM searches")]
    [InlineData("SELECT name FROM searches")]
    [InlineData("UPDATE searches SET definition = '{}'")]
    [InlineData("DELETE FROM trials")]
    [InlineData("INSERT INTO trials (search_id, ordinal, status, config, config_hash, attempts, max_attempts, available_at, cancel_requested) VALUES (1, 0, 'queued', '{}', 'h', 0, 3, now(), false)")]
    [InlineData("CREATE TABLE stolen (id int)")]
    [InlineData("ALTER TABLE trials ADD COLUMN stolen int")]
    [InlineData("DROP TABLE epochs")]
    [InlineData("TRUNCATE trials")]
    [InlineData("DELETE FROM \"__EFMigrationsHistory\"")]
    public async Task Worker_IsRefused_WhatItMustNotDo(string sql)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var worker = await WorkerDataSourceAsync(database);

        await using var command = worker.CreateCommand(sql);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Worker_MayClaimHeartbeatRecordAndComplete_ThroughTheQueue()
    {
        await using var database = await TestDatabase.CreateAsync();
        var owner = new TrialQueue(database.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(database, owner, 2);
        await using var workerSource = await WorkerDataSourceAsync(database);
        var queue = new TrialQueue(workerSource, new QueueOptions());

        await using (var lease = await queue.ClaimAsync("worker-role", default))
        {
            Assert.NotNull(lease);
            Assert.Equal(HeartbeatOutcome.Renewed, await queue.HeartbeatAsync(lease, default));
            Assert.True(await queue.RecordEpochAsync(lease, QueueTestData.Epoch(1, 0.5), checkpoint: null, default));
            Assert.True(await queue.RecordEpochAsync(lease, QueueTestData.Epoch(1, 0.4), [1, 2, 3], default));
            Assert.True(await queue.RecordEpochAsync(lease, QueueTestData.Epoch(2, 0.3), [4, 5, 6], default));
            // Completing drops the checkpoint (a trigger, run as the worker).
            Assert.True(await queue.CompleteAsync(lease, QueueTestData.Result, model: null, default));
        }

        await using (var second = await queue.ClaimAsync("worker-role", default))
        {
            Assert.NotNull(second);
            Assert.True(await queue.RecordEpochAsync(second, QueueTestData.Epoch(1, 0.5), [7], default));
            Assert.True(await queue.FailAsync(second, "boom", default));
        }

        await QueueTestData.ExecuteAsync(database, "UPDATE trials SET available_at = now() WHERE search_id = @id", searchId);
        await using (var retry = await queue.ClaimAsync("worker-role", default))
        {
            Assert.NotNull(retry);
            Assert.Equal([7], (await queue.LoadCheckpointAsync(retry, default))!.State);
            await QueueTestData.ExpireLeaseAsync(database, retry.TrialId);
            Assert.Equal(1, await queue.RescueExpiredAsync(default));
        }

        Assert.False(await new QueueNotifications(workerSource, new QueueOptions()).WaitForWorkAsync(TimeSpan.FromMilliseconds(50), default));
        Assert.Equal(1, await QueueTestData.CountAsync(database, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'succeeded'", searchId));
        Assert.Equal(3, await QueueTestData.CountAsync(database, "SELECT count(*) FROM epochs e JOIN trials t ON t.id = e.trial_id WHERE t.search_id = @id", searchId));
        Assert.Equal(1, await QueueTestData.CountAsync(database, "SELECT count(*) FROM trial_checkpoints c JOIN trials t ON t.id = c.trial_id WHERE t.search_id = @id", searchId));
    }

    [Fact]
    public async Task Worker_MayRegisterHeartbeatShowItsSlotsAndRemoveItself_InTheWorkersTable()
    {
        await using var database = await TestDatabase.CreateAsync();
        var owner = new TrialQueue(database.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(database, owner, 1);
        await using var workerSource = await WorkerDataSourceAsync(database);
        var registry = new WorkerRegistry(workerSource);
        var me = new WorkerRegistration(Guid.NewGuid(), "host", 42, 2, TrainingDevice.Cpu, "1.0", TimeSpan.FromSeconds(30));
        await using var lease = await new TrialQueue(workerSource, new QueueOptions()).ClaimAsync("worker-role", default);

        await registry.HeartbeatAsync(me, default);
        await registry.HeartbeatAsync(me, default);
        await registry.SlotAsync(me.Id, 1, lease!.TrialId, recorded: false, default);

        var shown = Assert.Single(await new WorkerRegistry(database.DataSource).ListAsync(default));
        Assert.Equal(new SlotTrial(1, lease.TrialId, lease.SearchId), Assert.Single(shown.Running));
        await registry.RemoveAsync(me.Id, default);
        Assert.Empty(await new WorkerRegistry(database.DataSource).ListAsync(default));
    }

    [Fact]
    public async Task Heartbeat_RemovesWorkersLostForADay_AndKeepsTheRecentlyLost()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var workerSource = await WorkerDataSourceAsync(database);
        var registry = new WorkerRegistry(workerSource);
        WorkerRegistration Worker(string host) => new(Guid.NewGuid(), host, 42, 1, TrainingDevice.Cpu, "1.0", TimeSpan.FromSeconds(30));
        var (longGone, recentlyLost, me) = (Worker("long-gone"), Worker("recently-lost"), Worker("me"));
        await registry.HeartbeatAsync(longGone, default);
        await registry.HeartbeatAsync(recentlyLost, default);
        async Task LastSeenAsync(WorkerRegistration worker, int hoursAgo)
        {
            await using var command = database.DataSource.CreateCommand("UPDATE workers SET last_seen_at = now() - make_interval(hours => @hours) WHERE id = @id");
            command.Parameters.AddWithValue("id", worker.Id);
            command.Parameters.AddWithValue("hours", hoursAgo);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await LastSeenAsync(longGone, 25);
        await LastSeenAsync(recentlyLost, 23);

        await registry.HeartbeatAsync(me, default);

        var listed = await new WorkerRegistry(database.DataSource).ListAsync(default);
        Assert.Equal(["me", "recently-lost"], listed.Select(w => w.Worker.Host).Order());
    }

    [Fact]
    public async Task Worker_MayReadTheSearchsRules_CheckItsLimits_ReadTheStanding_AndStopIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var owner = new TrialQueue(database.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(database, owner, 3);
        await QueueTestData.ExecuteAsync(database, """UPDATE searches SET definition = '{"limits": {"maxTrials": 2}}' WHERE id = @id""", searchId);
        await using var workerSource = await WorkerDataSourceAsync(database);
        var queue = new TrialQueue(workerSource, new QueueOptions());

        await using var lease = (await queue.ClaimAsync("worker-role", default))!;
        var rules = lease.Rules;
        Assert.Equal(2, rules.Limits.MaxTrials);
        Assert.False((await queue.CheckLimitsAtClaimAsync(lease, rules.Limits, default)).Cancelled);
        Assert.Empty((await new EpochStandingQuery(workerSource).EpochStandingAsync(lease, 1, GridSearch.Domain.Definition.EpochMetric.ValAccuracy, default)).Others);
        Assert.True(await queue.StopSearchAsync(lease, GridSearch.Core.Search.SearchStopReason.TargetReached, default));
        Assert.Equal(2, await QueueTestData.CountAsync(database, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'cancelled'", searchId));
    }

    [Fact]
    public async Task Worker_MayKeepAModelInTrialModels_AndTheRetentionDropsTheRest()
    {
        await using var database = await TestDatabase.CreateAsync();
        var owner = new TrialQueue(database.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(database, owner, 2);
        await using var workerSource = await WorkerDataSourceAsync(database);
        var queue = new TrialQueue(workerSource, new QueueOptions { KeepModelsPerSearch = 1 });

        foreach (var accuracy in new[] { 0.9, 0.8 })
        {
            await using var lease = (await queue.ClaimAsync("worker-role", default))!;
            Assert.True(await queue.CompleteAsync(lease, QueueTestData.Result with { TestAccuracy = accuracy }, new StoredModel("test", [1, 2, 3]), default));
        }

        // Both inserted as the worker; the search's end kept its best only (a DELETE, as the worker too).
        Assert.Equal(1, await QueueTestData.CountAsync(database, "SELECT count(*) FROM trial_models m JOIN trials t ON t.id = m.trial_id WHERE t.search_id = @id", searchId));
        await using var insert = workerSource.CreateCommand(
            "INSERT INTO trial_models (trial_id, format, data, size_bytes, pinned) SELECT id, 'test', '\\x01', 1, false FROM trials WHERE search_id = @id AND test_accuracy < 0.85");
        insert.Parameters.AddWithValue("id", searchId);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
    }

    /// <summary>Every table the role may write (INSERT, UPDATE or DELETE, on the table or on some of its
    /// columns): what docs/operations.md's "Workers' database role" lists. A grant added or lost fails it.</summary>
    [Fact]
    public async Task Worker_MayWriteExactlyTheQueuesTables()
    {
        await using var database = await TestDatabase.CreateAsync();

        await using var command = database.DataSource.CreateCommand("""
            SELECT table_name || ':' || string_agg(privilege, ',' ORDER BY privilege)
            FROM (
                SELECT table_name, privilege_type AS privilege FROM information_schema.role_table_grants
                WHERE grantee = 'gridsearch_worker' AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE')
                UNION
                -- Column grants, less those a grant on the whole table implies.
                SELECT c.table_name, c.privilege_type || '(' || c.column_name || ')' FROM information_schema.column_privileges c
                WHERE c.grantee = 'gridsearch_worker' AND c.privilege_type IN ('INSERT', 'UPDATE')
                  AND NOT EXISTS (SELECT FROM information_schema.role_table_grants g
                                  WHERE g.grantee = c.grantee AND g.table_name = c.table_name AND g.privilege_type = c.privilege_type)
            ) grants
            GROUP BY table_name ORDER BY table_name
            """);
        var writable = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                writable.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
            [
                "epochs:DELETE,INSERT,UPDATE",
                "searches:UPDATE(stop_reason),UPDATE(stopped_at)",
                "trial_checkpoints:DELETE,INSERT,UPDATE",
                "trial_models:DELETE,INSERT,UPDATE",
                "trials:UPDATE",
                "workers:DELETE,INSERT,UPDATE",
            ],
            writable);
    }

    [Fact]
    public async Task Worker_MayReadTheMigrationHistory()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var worker = await WorkerDataSourceAsync(database);

        await using var command = worker.CreateCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"");
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }

    private static async Task<NpgsqlDataSource> WorkerDataSourceAsync(TestDatabase database)
    {
        await database.ExecuteAsync(CreateLoginUser);
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Username = "gridsearch_worker_test",
            Password = "gridsearch_worker_test",
        };
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
