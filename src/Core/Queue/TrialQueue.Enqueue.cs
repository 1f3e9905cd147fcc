using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace GridSearch.Core.Queue;

/// <summary>The queue's entry (see the table in TrialQueue.cs): a search's trials, queued in its transaction.</summary>
public sealed partial class TrialQueue
{
    private const string AddToSearchSql = """
        UPDATE searches SET trial_count = trial_count + @count
        WHERE id = @search AND cancelled_at IS NULL AND stop_reason IS NULL
        """;

    /// <summary>
    /// Adds trials to a search that exists (a cross-validation's folds), in the caller's transaction: raises
    /// its trial count, so it runs again until they finish, and queues them (<see cref="EnqueueAsync"/>).
    /// False, with nothing written, when the search is cancelled or stopped by a limit (or gone): it takes
    /// no more trials. The search row stays locked until the caller commits, so a cancel waits for it.
    /// </summary>
    public async Task<bool> AddToSearchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long searchId, IReadOnlyList<TrialToEnqueue> trials, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trials);
        await using (var command = new NpgsqlCommand(AddToSearchSql, connection, transaction))
        {
            command.Parameters.AddWithValue("search", searchId);
            command.Parameters.AddWithValue("count", trials.Count);
            if (await command.ExecuteNonQueryAsync(ct) != 1)
            {
                return false;
            }
        }

        await EnqueueAsync(connection, transaction, searchId, trials, ct);
        return true;
    }

    private const string CopyTrialsSql = """
        COPY trials (search_id, ordinal, status, config, config_hash, grid_point, attempts, max_attempts, available_at, cancel_requested, fold_of, repeat, chosen_by)
        FROM STDIN (FORMAT BINARY)
        """;

    // NOTIFY is transactional: sent only when the caller commits, so it can go before the rows.
    private const string NotifyAndNowSql = """
        SELECT now(), pg_notify(@channel, @payload),
               CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, @payload) END IS NULL
        """;

    /// <summary>
    /// Queues all trials of a search with one binary COPY, in the caller's transaction (the one that
    /// inserts the search, or <see cref="AddToSearchAsync"/>'s), so either the search and all its trials
    /// exist or none do. Idle workers are notified when the caller commits. The rows are written, and so
    /// claimed, in the order given (<see cref="Search.SearchPlan.QueueOrder"/>); a trial's place in its grid
    /// is its ordinal.
    /// </summary>
    public async Task EnqueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long searchId, IReadOnlyList<TrialToEnqueue> trials, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(trials);
        if (!ReferenceEquals(transaction.Connection, connection))
        {
            throw new ArgumentException("The transaction must be open on the given connection.", nameof(transaction));
        }

        DateTime now;
        await using (var command = new NpgsqlCommand(NotifyAndNowSql, connection, transaction))
        {
            command.Parameters.AddWithValue("channel", options.Channel);
            command.Parameters.AddWithValue("payload", searchId.ToString(CultureInfo.InvariantCulture));
            command.Parameters.Add(ChangesParameter());
            // COPY cannot call now(): take the database's time once, as every other queue timestamp is.
            now = (DateTime)(await command.ExecuteScalarAsync(ct))!;
        }

        await using var writer = await connection.BeginBinaryImportAsync(CopyTrialsSql, ct);
        foreach (var trial in trials)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(searchId, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(trial.Ordinal, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync("queued", NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(trial.ConfigJson, NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(trial.ConfigHash, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(trial.GridPointJson, NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(options.MaxAttempts, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
            if (trial.FoldOf is { } source)
            {
                await writer.WriteAsync(source, NpgsqlDbType.Bigint, ct);
            }
            else
            {
                await writer.WriteNullAsync(ct);
            }

            await writer.WriteAsync(trial.Repeat, NpgsqlDbType.Integer, ct);
            if (trial.ChosenBy is { } chosenBy)
            {
                await writer.WriteAsync(chosenBy, NpgsqlDbType.Text, ct);
            }
            else
            {
                await writer.WriteNullAsync(ct);
            }
        }

        await writer.CompleteAsync(ct);
    }
}
