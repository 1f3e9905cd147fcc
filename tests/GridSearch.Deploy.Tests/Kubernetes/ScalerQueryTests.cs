using System.Globalization;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Database;
using Npgsql;
using static GridSearch.Deploy.Tests.Kubernetes.RenderedManifests;

namespace GridSearch.Deploy.Tests.Kubernetes;

/// <summary>
/// The KEDA trigger's query, as deploy/k8s renders it, run on a migrated database the way KEDA runs it:
/// logged in as a user in the workers' role (the TriggerAuthentication reads the workers' Secret). It
/// must count the trials a worker could claim now plus the running ones, and nothing else; a change to
/// the trial states, the claim's condition or the role's grants makes it miscount or fail here.
/// </summary>
public sealed class ScalerQueryTests
{
    // Roles are cluster-wide and test runs share the cluster: made once, tolerating a concurrent run.
    private const string CreateScalerLogin = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gridsearch_scaler_test') THEN
                CREATE ROLE gridsearch_scaler_test LOGIN PASSWORD 'gridsearch_scaler_test' IN ROLE gridsearch_worker;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END $$;
        """;

    private static readonly TrialResult Result = new(
        TestAccuracy: 0.9, TestLoss: 0.3, ValAccuracy: 0.9, ValLoss: 0.3, BestEpoch: 1,
        StopReason: StopReason.Completed, ParameterCount: 10, ConfusionMatrix: [[1, 0], [0, 1]]);

    [Fact]
    public async Task ScalerQuery_CountsTheTrialsAWorkerCouldClaimNow_PlusTheRunningOnes()
    {
        var query = await ScalerQueryAsync();
        await using var database = await TestDatabase.CreateAsync();
        await using var scaler = await ScalerDataSourceAsync(database);
        // A failed attempt waits an hour before its retry: it is queued but not claimable during the test.
        var queue = new TrialQueue(database.DataSource, new QueueOptions { RetryBackoff = TimeSpan.FromHours(1), MaxRetryBackoff = TimeSpan.FromHours(1) });
        var lastAttempt = new TrialQueue(database.DataSource, new QueueOptions { MaxAttempts = 1 });
        async Task<long> CountAsync()
        {
            await using var command = scaler.CreateCommand(query);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        Assert.Equal(0, await CountAsync());

        // A claim takes the oldest claimable trial of any search, so each search is set up before the next
        // one is queued.
        // Search C, 2 trials of one attempt each: 1 failed for good, 1 running when its search was
        // cancelled (it runs until its worker's next heartbeat sees the request).
        var c = await EnqueueAsync(database, lastAttempt, 2);
        var failing = await ClaimAsync(lastAttempt, "worker-c");
        Assert.True(await lastAttempt.FailAsync(failing, "diverged", default));
        var cancelling = await ClaimAsync(lastAttempt, "worker-c");
        await lastAttempt.CancelSearchAsync(c, default);

        // Search B, 2 trials, cancelled while queued.
        var b = await EnqueueAsync(database, queue, 2);
        Assert.Equal(2, await queue.CancelSearchAsync(b, default));

        // Search A, 8 trials: 1 succeeded, 1 failed once and waiting out its backoff, 2 running (one of
        // them with its lease expired: its worker died, and only a worker sweeps it back), 4 queued.
        var a = await EnqueueAsync(database, queue, 8);
        var claimed = await ClaimAllAsync(queue, "worker-a", 4);
        Assert.True(await queue.CompleteAsync(claimed[0], Result, model: null, default));
        Assert.True(await queue.FailAsync(claimed[1], "out of memory", default));
        await ExecuteAsync(database, "UPDATE trials SET lease_expires_at = now() - interval '1 minute' WHERE id = @id", claimed[3].TrialId);

        Assert.Equal(
            new Dictionary<string, long> { ["cancelled"] = 2, ["failed"] = 1, ["queued"] = 5, ["running"] = 3, ["succeeded"] = 1 },
            await StatusesAsync(database));
        const int running = 3;
        const int claimableNow = 4;
        Assert.Equal(running + claimableNow, await CountAsync());

        // The queue's own claim agrees on what is claimable now, and claiming moves trials from one
        // part of the count to the other: workers that took trials are not scaled away.
        var taken = await ClaimAllAsync(queue, "worker-d", 100);
        Assert.Equal(claimableNow, taken.Count);
        Assert.All(taken, t => Assert.Equal(a, t.SearchId));
        Assert.Equal(running + claimableNow, await CountAsync());

        // Everything that runs ends, one trial still waits out its backoff: no worker is needed until
        // it may be claimed, and then one is.
        foreach (var lease in claimed.Skip(2).Concat(taken))
        {
            Assert.True(await queue.CompleteAsync(lease, Result, model: null, default));
        }

        Assert.True(await lastAttempt.ConfirmCancelledAsync(cancelling, default));
        Assert.Equal(0, await CountAsync());
        await ExecuteAsync(database, "UPDATE trials SET available_at = now() WHERE id = @id", claimed[1].TrialId);
        Assert.Equal(1, await CountAsync());
    }

    private static async Task<string> ScalerQueryAsync()
    {
        var manifests = await GetAsync();
        var trigger = Assert.Single(Assert.Single(manifests.OfKind("ScaledObject"))["spec"]!["triggers"]!.AsArray());
        return Text(trigger!["metadata"]!["query"]);
    }

    private static async Task<long> EnqueueAsync(TestDatabase database, TrialQueue queue, int count)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        long searchId;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO searches (name, dataset, model, definition, trial_count, created_at) VALUES ('k8s', 'mnist', 'mlp', '{}', @count, now()) RETURNING id",
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("count", count);
            searchId = (long)(await insert.ExecuteScalarAsync())!;
        }

        var trials = Enumerable.Range(0, count)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $$"""{"learningRate": {{i}}}"""))
            .Select((config, i) => new TrialToEnqueue(i, config, "hash-" + config, config))
            .ToList();
        await queue.EnqueueAsync(connection, transaction, searchId, trials, default);
        await transaction.CommitAsync();
        return searchId;
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql, long id)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<Dictionary<string, long>> StatusesAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT status, count(*) FROM trials GROUP BY status ORDER BY status");
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<NpgsqlDataSource> ScalerDataSourceAsync(TestDatabase database)
    {
        await database.ExecuteAsync(CreateScalerLogin);
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Username = "gridsearch_scaler_test",
            Password = "gridsearch_scaler_test",
        };
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private static async Task<TrialLease> ClaimAsync(TrialQueue queue, string worker) =>
        await queue.ClaimAsync(worker, default) ?? throw new InvalidOperationException("nothing to claim");

    /// <summary>Claims until the queue has nothing claimable, or <paramref name="most"/> trials.</summary>
    private static async Task<List<TrialLease>> ClaimAllAsync(TrialQueue queue, string worker, int most)
    {
        var leases = new List<TrialLease>();
        while (leases.Count < most && await queue.ClaimAsync(worker, default) is { } lease)
        {
            leases.Add(lease);
        }

        return leases;
    }
}
