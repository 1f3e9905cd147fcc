using System.Globalization;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Database;
using Npgsql;

namespace GridSearch.Core.Tests.Queue;

/// <summary>Searches, trials and results for the queue's and the leaderboard's tests.</summary>
internal static class QueueTestData
{
    public static readonly TrialResult Result = new(
        TestAccuracy: 0.91, TestLoss: 0.27, ValAccuracy: 0.9, ValLoss: 0.3, BestEpoch: 4,
        StopReason: StopReason.Completed, ParameterCount: 101_770, ConfusionMatrix: [[50, 2], [3, 45]]);

    public static IReadOnlyList<TrialToEnqueue> Trials(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TrialToEnqueue(
            i, string.Create(CultureInfo.InvariantCulture, $$"""{"learningRate": {{i}}}"""), "hash-" + i.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $$"""{"learningRate": {{i}}}""")))];

    public static async Task<long> InsertSearchAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string dataset = "mnist")
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO searches (name, dataset, model, definition, trial_count, created_at)
            VALUES ('test', @dataset, 'mlp', '{}', 0, now()) RETURNING id
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("dataset", dataset);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A committed search with <paramref name="count"/> queued trials.</summary>
    public static async Task<long> EnqueueSearchAsync(TestDatabase db, TrialQueue queue, int count, string dataset = "mnist")
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var searchId = await InsertSearchAsync(connection, transaction, dataset);
        await queue.EnqueueAsync(connection, transaction, searchId, Trials(count), default);
        await transaction.CommitAsync();
        return searchId;
    }

    /// <summary>Claims <paramref name="count"/> trials one after another, as a worker's slots would; fails when fewer are available.</summary>
    public static async Task<IReadOnlyList<TrialLease>> ClaimAsync(TrialQueue queue, string worker, int count)
    {
        var leases = new List<TrialLease>(count);
        for (var i = 0; i < count; i++)
        {
            leases.Add(await queue.ClaimAsync(worker, default) ?? throw new InvalidOperationException($"Only {i} of {count} trials to claim."));
        }

        return leases;
    }

    /// <summary>One value of one trial's row, e.g. <c>TrialColumnAsync&lt;string&gt;(db, id, "status")</c>.</summary>
    public static async Task<T> TrialColumnAsync<T>(TestDatabase db, long trialId, string expression)
    {
        // The expression is the test's own constant text, never input.
        await using var command = db.DataSource.CreateCommand("SELECT " + expression + " FROM trials WHERE id = @id");
        command.Parameters.AddWithValue("id", trialId);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }

    /// <summary>A count, with the trial's or search's id as @id.</summary>
    public static async Task<long> CountAsync(TestDatabase db, string sql, long id)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(TestDatabase db, string sql, long id)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ends the trial's lease now, as if its worker had stopped heartbeating long ago.</summary>
    public static Task ExpireLeaseAsync(TestDatabase db, long trialId) =>
        ExecuteAsync(db, "UPDATE trials SET lease_expires_at = now() - interval '1 second' WHERE id = @id", trialId);

    /// <summary>Makes a trial waiting out its retry backoff available now.</summary>
    public static Task SkipBackoffAsync(TestDatabase db, long trialId) =>
        ExecuteAsync(db, "UPDATE trials SET available_at = now() WHERE id = @id", trialId);

    public static Epoch Epoch(int number, double trainLoss) => new()
    {
        Number = number,
        TrainLoss = trainLoss,
        TrainAccuracy = 0.8,
        ValLoss = 0.4,
        ValAccuracy = null,
        LearningRate = 0.01,
        Seconds = 1.5,
    };
}
