using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using Npgsql;

namespace GridSearch.Core.Queue;

/// <summary>The transitions a search's cancel or limits make (see the table in TrialQueue.cs): its queued trials
/// end, its running ones are asked to stop.</summary>
public sealed partial class TrialQueue
{
    private const string CancelSearchSql = "UPDATE searches SET cancelled_at = coalesce(cancelled_at, now()) WHERE id = @search";

    // One statement, so a trial that moves from running to queued meanwhile (failed, released) is
    // re-read under its lock and still cancelled rather than left claimable.
    private const string CancelTrialsSql = """
        UPDATE trials SET
            cancel_requested = true,
            status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
            finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
        WHERE search_id = @search AND (status = 'queued' OR (status = 'running' AND NOT cancel_requested))
        """;

    // Once per cancel, in its transaction, even when no trial changed: the search's cancelled_at did.
    private const string NotifySearchChangedSql = "SELECT CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, @search::text) END IS NULL";

    /// <summary>
    /// Cancels a search in one transaction: its queued trials at once, its running ones by request (their
    /// workers see it on the next heartbeat and stop at an epoch boundary). Returns how many trials changed.
    /// </summary>
    public async Task<int> CancelSearchAsync(long searchId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(CancelSearchSql) { Parameters = { new("search", searchId) } },
                new NpgsqlBatchCommand(CancelTrialsSql) { Parameters = { new("search", searchId) } },
                new NpgsqlBatchCommand(NotifySearchChangedSql) { Parameters = { new("search", searchId), ChangesParameter() } },
                Models.ModelRetention.Prune(searchId, options.KeepModelsPerSearch),
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return batch.BatchCommands[1].RecordsAffected;
    }

    // Locks the search row, so the checks of its claims run one at a time: each sees the trials the ones
    // before it started (committed with their claims) or cancelled. A trial cancelled at its claim has no
    // started_at, so others_started counts the trials that ran or run.
    private const string ClaimCheckSql = """
        SELECT (SELECT min(started_at) FROM trials WHERE search_id = s.id),
               (SELECT count(*) FROM trials WHERE search_id = s.id AND id <> @id AND started_at IS NOT NULL),
               now()
        FROM searches s WHERE s.id = @search
        FOR UPDATE OF s
        """;

    private const string CancelAtClaimSql = """
        UPDATE trials SET status = 'cancelled', stop_reason = 'limit', attempts = attempts - 1,
            started_at = CASE WHEN attempts = 1 THEN NULL ELSE started_at END,
            finished_at = now(), lease_token = NULL, lease_expires_at = NULL
        WHERE id = @id AND lease_token = @token AND status = 'running'
        RETURNING CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        """;

    /// <summary>
    /// Before a claimed trial starts, applies the search's maxTrials and time limit, in one transaction that
    /// holds the search row: past the time limit (measured from the search's first claim) the search stops
    /// (<see cref="SearchStopReason.TimeLimit"/>) and this trial is cancelled; when maxTrials others already
    /// started, this trial is cancelled (and the search stopped, if it was not); when this trial is the
    /// last one maxTrials allows, the search stops (<see cref="SearchStopReason.MaxTrials"/>: its queued
    /// trials are cancelled, its running ones, this one included, go on).
    /// </summary>
    public async Task<ClaimCheck> CheckLimitsAtClaimAsync(TrialLease lease, SearchStopLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(limits);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        DateTime firstClaim;
        long othersStarted;
        DateTime now;
        await using (var command = new NpgsqlCommand(ClaimCheckSql, connection, transaction))
        {
            command.Parameters.AddWithValue("id", lease.TrialId);
            command.Parameters.AddWithValue("search", lease.SearchId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return new ClaimCheck(Cancelled: false, Deadline: null);
            }

            // This trial's own claim committed, so the search has a first claim.
            (firstClaim, othersStarted, now) = (reader.GetDateTime(0), reader.GetInt64(1), reader.GetDateTime(2));
        }

        DateTimeOffset? deadline = limits.TimeLimit is { } limit ? new DateTimeOffset(firstClaim, TimeSpan.Zero) + limit : null;
        var stop = deadline <= new DateTimeOffset(now, TimeSpan.Zero) ? SearchStopReason.TimeLimit
            : othersStarted + 1 >= limits.MaxTrials ? SearchStopReason.MaxTrials
            : null;
        var cancel = stop == SearchStopReason.TimeLimit || othersStarted >= limits.MaxTrials;
        if (stop is not null)
        {
            await using var command = StopSearchCommand(lease, stop, connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
        }

        if (cancel)
        {
            await using var command = FencedCommand(CancelAtClaimSql, lease, connection, transaction);
            cancel = await command.ExecuteNonQueryAsync(ct) == 1;
            lease.Settle();
        }

        await transaction.CommitAsync(ct);
        return new ClaimCheck(cancel, deadline);
    }

    /// <summary>
    /// A limit of the search was hit by the leased trial's run (<see cref="SearchStopReason"/>): records it as
    /// the search's stop reason and cancels its queued trials; for every reason but max_trials it also asks
    /// its other running trials to stop at their next epoch boundary (<see cref="HeartbeatOutcome.StopRequested"/>).
    /// The caller stops its own trial. False when the search had already stopped or been cancelled, or the
    /// lease no longer holds: then nothing changed.
    /// </summary>
    public async Task<bool> StopSearchAsync(TrialLease lease, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = StopSearchCommand(lease, reason, connection, transaction: null);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    // Only the first limit hit stops the search, only while the caller holds its lease. Locks the search
    // row, then trial rows, the order CancelSearchAsync takes them in. The caller's own trial is left to it.
    private const string StopSearchSql = """
        WITH stopped AS (
            UPDATE searches SET stop_reason = @reason, stopped_at = now()
            WHERE id = @search AND stop_reason IS NULL AND cancelled_at IS NULL
              AND EXISTS (SELECT FROM trials WHERE id = @id AND lease_token = @token AND status = 'running')
            RETURNING id
        ), ended AS (
            UPDATE trials t SET
                stop_reason = 'limit',
                cancel_requested = true,
                status = CASE WHEN t.status = 'queued' THEN 'cancelled' ELSE t.status END,
                finished_at = CASE WHEN t.status = 'queued' THEN now() ELSE t.finished_at END
            FROM stopped
            WHERE t.search_id = stopped.id AND t.id <> @id
              AND (t.status = 'queued' OR (@running AND t.status = 'running' AND NOT t.cancel_requested))
        )
        SELECT CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, id::text) END IS NULL FROM stopped
        """;

    private NpgsqlCommand StopSearchCommand(TrialLease lease, string reason, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var command = FencedCommand(StopSearchSql, lease, connection, transaction);
        command.Parameters.AddWithValue("search", lease.SearchId);
        command.Parameters.AddWithValue("reason", reason);
        // max_trials lets the trials it allowed finish.
        command.Parameters.AddWithValue("running", reason != SearchStopReason.MaxTrials);
        return command;
    }
}
