using System.Globalization;
using System.Text.Json;
using GridSearch.Core.Trials;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Machines;
using GridSearch.Domain.Trials;
using Npgsql;
using NpgsqlTypes;

namespace GridSearch.Core.Queue;

/// <summary>
/// The trial queue, kept in PostgreSQL: the trials table is the queue, in the way Hangfire.PostgreSql,
/// River and Oban fetch jobs. A claim takes the oldest available queued row with FOR UPDATE SKIP LOCKED,
/// so concurrent workers never wait on, or take, each other's row, and turns it into a lease: a fresh
/// token and an expiry in database time (workers' clocks do not matter), renewed by heartbeats.
/// <para>
/// This type is the trial's state machine: its SQL is the only code that changes a queued or leased trial's
/// state (<see cref="Trial"/> is a read model). This file holds the queue's entry and the lease's
/// transitions; TrialQueue.Enqueue.cs puts trials on the queue, TrialQueue.SearchStops.cs the transitions a
/// search's cancel or limits make. The one other row that is ever written, a cached result, is
/// <see cref="ResultCache"/>'s: it enters succeeded and never changes. Every transition, one statement each:
/// </para>
/// <code>
/// from → to            method                 guard                                   attempts  lease_token / lease_expires_at  available_at     finished_at  error
/// (none) → queued      EnqueueAsync,          the search takes trials (AddToSearch)   0         NULL / NULL                     now()            NULL         NULL
///                      AddToSearchAsync
/// queued → running     ClaimAsync             available, no cancel request            +1        new / now() + lease             =                =  (NULL)    =
/// running → running    HeartbeatAsync,        fence                                   =         = / now() + lease               =                =            =
///                      RecordEpochAsync
/// running → succeeded  CompleteAsync          fence                                   =         NULL / NULL                     =                now()        NULL
/// running → queued     FailAsync              fence, attempts left, no cancel req.    =         NULL / NULL                     now() + backoff  NULL         @error
/// running → failed     FailAsync              fence, none left, no cancel request     =         NULL / NULL                     =                now()        @error
/// running → cancelled  FailAsync              fence, cancel requested                 =         NULL / NULL                     =                now()        @error
/// running → cancelled  ConfirmCancelledAsync  fence                                   =         NULL / NULL                     =                now()        =
/// running → queued     ReleaseAsync, or       fence, no cancel request                -1        NULL / NULL                     =                NULL         =
///                      disposing the lease
/// running → cancelled  ReleaseAsync, or       fence, cancel requested                 =         NULL / NULL                     =                now()        =
///                      disposing the lease
/// running → queued     RescueExpiredAsync     expired, attempts left, no cancel req.  =         NULL / NULL                     =                NULL         'lease expired: …'
/// running → failed     RescueExpiredAsync     expired, none left, no cancel request   =         NULL / NULL                     =                now()        'lease expired: …'
/// running → cancelled  RescueExpiredAsync     expired, cancel requested               =         NULL / NULL                     =                now()        =
/// queued → cancelled   CancelSearchAsync      its search's                            =         =  (NULL)                       =                now()        =
/// running → running    CancelSearchAsync      its search's, no cancel request yet     =         =                               =                =            =
/// running → cancelled  CheckLimitsAtClaim-    fence, its search over maxTrials or     -1        NULL / NULL                     =                now()        =
///                        Async                  past its time limit
/// queued → cancelled   StopSearchAsync        its search's, fence of the caller's     =         =  (NULL)                       =                now()        =
///                                             trial, search not stopped or cancelled
/// running → running    StopSearchAsync        as above, not for max_trials, not the   =         =                               =                =            =
///                                             caller's trial, no cancel request yet
/// (none) → succeeded   ResultCache.Record-    a reusable result of the same config    0         NULL / NULL                     now()            now()        NULL
///                        CachedAsync            hash and engine version, in any search
/// running → running    TrialSuggestions       fence, no chosen_by yet (TPE): writes   =         =                               =                =            =
///                        (after ClaimAsync)     config, config_hash, grid_point, chosen_by
/// running → cancelled  TrialSuggestions       fence, the search's space exhausted     -1        NULL / NULL                     =                now()        'not run: …'
/// queued → cancelled   TrialSuggestions       its search's, no chosen_by, as above    =         =  (NULL)                       =                now()        'not run: …'
/// </code>
/// <para>
/// "=" leaves the column as it was. The fence is <c>id = @id AND lease_token = @token AND status = 'running'</c>;
/// available is <c>available_at &lt;= now()</c>, expired <c>lease_expires_at &lt; now()</c>, attempts left
/// <c>attempts &lt; max_attempts</c>; the backoff is <see cref="QueueOptions.BackoffAfter"/> the attempt.
/// A trial released or rescued keeps its available_at, so it keeps its place in the claim order
/// (available_at, then id): a half-trained trial resumes before the trials queued after it, another
/// search's included, rather than waiting behind them.
/// Both cancel rows set cancel_requested, which the worker sees on its next heartbeat; the limit rows
/// (a search's <c>limits</c>: <see cref="Search.SearchStopLimits"/>) set it too, with stop_reason 'limit', so
/// the heartbeat says <see cref="HeartbeatOutcome.StopRequested"/> and the trial, stopped at its next
/// epoch boundary, completes (succeeded, stop reason 'limit') rather than confirming a cancel; released,
/// failed or rescued it ends cancelled, as any trial with a cancel request does. StopSearchAsync also
/// records the search's stop_reason and stopped_at, once: the first limit hit is the search's reason.
/// started_at is the first claim's: the claim sets it on the first attempt, a trial cancelled at its claim
/// gives it back with the attempt (it never ran), and a cached trial has none, so the limits, which count
/// the trials with one and measure time from the earliest, count claims only. The claim also sets worker,
/// engine_version (<see cref="EngineVersion.Current"/>: the claiming worker's) and machine (where that worker
/// trains: <see cref="TrialMachine"/>; a resumed trial shows its last attempt's), and deletes the epochs
/// an earlier attempt left past its checkpoint.
/// Checkpoints (trial_checkpoints, one row per trial): RecordEpochAsync replaces the trial's checkpoint in
/// the statement that records the epoch, under the same fence; a trial handed back, rescued or retried
/// keeps it and its epochs up to it, and the attempt that claims it next resumes from it
/// (<see cref="LoadCheckpointAsync"/>) without recording those epochs again. A trigger drops the
/// checkpoint when the trial becomes succeeded, failed or cancelled, whichever statement does it.
/// Each transition above also sends the trial's search id on <see cref="QueueOptions.ChangesChannel"/> from
/// its own statement (the heartbeat, which changes nothing shown, does not), so a listener
/// (<see cref="QueueNotifications"/>) hears of it exactly when it commits.
/// The attempt count says how many attempts ran: a released attempt did not run to an outcome and is
/// given back, unless a cancel request ends the trial, where the attempt that ran still counts (as with
/// a rescue or a failure). Nothing else moves a trial: a write whose fence does not hold changes nothing
/// and reports it (false, <see cref="HeartbeatOutcome.LeaseLost"/>); succeeded, failed and cancelled are
/// final, since the claim reads only queued rows, every other write needs a running one, and a cancel
/// skips finished trials. A queued trial never carries a cancel request (the rows above turn it
/// cancelled instead), so nothing is left unclaimable.
/// </para>
/// <para>
/// Guarantees. Delivery is at least once: a trial whose worker dies stops being renewed, is rescued when
/// its lease expires and is claimed again, so a trial may run more than once but is never lost.
/// Recording is at most once per lease: every write after the claim is fenced, and every transition away
/// from running clears the token, so a worker that lost its lease (or repeats an acknowledgement) changes
/// nothing and exactly one attempt's result is kept. A combination is queued at most once per search:
/// the unique index on (search_id, config_hash) refuses a duplicate, a TPE suggestion's included (its guarantees
/// are <see cref="TrialSuggestions"/>'s).
/// </para>
/// </summary>
public sealed partial class TrialQueue
{
    private readonly NpgsqlDataSource dataSource;
    private readonly QueueOptions options;
    private readonly TrialSuggestions suggestions;

    public TrialQueue(NpgsqlDataSource dataSource, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.dataSource = dataSource;
        this.options = options;
        suggestions = new TrialSuggestions(dataSource, options);
    }

    // 0: renewed, 1: cancel requested, 2: a limit of the search stopped it (see StopSearchSql).
    private const string HeartbeatSql = """
        UPDATE trials SET lease_expires_at = now() + @lease
        WHERE id = @id AND lease_token = @token AND status = 'running'
        RETURNING CASE WHEN NOT cancel_requested THEN 0 WHEN stop_reason = 'limit' THEN 2 ELSE 1 END
        """;

    /// <summary>Extends the lease; says whether the search was cancelled meanwhile, or the lease was lost.</summary>
    public async Task<HeartbeatOutcome> HeartbeatAsync(TrialLease lease, CancellationToken ct)
    {
        await using var command = FencedCommand(HeartbeatSql, lease);
        command.Parameters.AddWithValue("lease", options.LeaseDuration);
        return await command.ExecuteScalarAsync(ct) switch
        {
            null => Lost(lease),
            1 => HeartbeatOutcome.CancelRequested,
            2 => HeartbeatOutcome.StopRequested,
            _ => HeartbeatOutcome.Renewed,
        };
    }

    // The fence is an UPDATE rather than an EXISTS test: it locks the trial row, so a rescue and a new
    // claim (which deletes the epochs) cannot slip between the check and the insert. The checkpoint, when
    // there is one, is replaced in the same statement, so the epochs kept and the checkpoint always agree.
    private const string RecordEpochSql = """
        WITH held AS (
            UPDATE trials SET lease_expires_at = now() + @lease
            WHERE id = @id AND lease_token = @token AND status = 'running'
            RETURNING id, search_id, CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        ), saved AS (
            INSERT INTO trial_checkpoints (trial_id, epoch, state, saved_at)
            SELECT id, @number, @checkpoint, now() FROM held WHERE @checkpoint::bytea IS NOT NULL
            ON CONFLICT (trial_id) DO UPDATE SET epoch = excluded.epoch, state = excluded.state, saved_at = excluded.saved_at
        )
        INSERT INTO epochs (trial_id, search_id, number, train_loss, train_accuracy, val_loss, val_accuracy, learning_rate, seconds)
        SELECT id, search_id, @number, @train_loss, @train_accuracy, @val_loss, @val_accuracy, @learning_rate, @seconds FROM held
        ON CONFLICT (trial_id, number) DO UPDATE SET
            train_loss = excluded.train_loss, train_accuracy = excluded.train_accuracy,
            val_loss = excluded.val_loss, val_accuracy = excluded.val_accuracy,
            learning_rate = excluded.learning_rate, seconds = excluded.seconds
        """;

    /// <summary>
    /// Stores (or replaces) one epoch of the running attempt and extends the lease, and, when
    /// <paramref name="checkpoint"/> is given, replaces the trial's checkpoint with it (the training state at
    /// the end of this epoch), in one statement. False when the lease no longer holds: nothing was written.
    /// </summary>
    public async Task<bool> RecordEpochAsync(TrialLease lease, Epoch epoch, byte[]? checkpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        await using var command = FencedCommand(RecordEpochSql, lease);
        command.Parameters.Add(new NpgsqlParameter("checkpoint", NpgsqlDbType.Bytea) { Value = (object?)checkpoint ?? DBNull.Value });
        command.Parameters.AddWithValue("lease", options.LeaseDuration);
        command.Parameters.AddWithValue("number", epoch.Number);
        command.Parameters.AddWithValue("train_loss", epoch.TrainLoss);
        command.Parameters.AddWithValue("train_accuracy", epoch.TrainAccuracy);
        AddValidationMetrics(command.Parameters, epoch.ValLoss, epoch.ValAccuracy);
        command.Parameters.AddWithValue("learning_rate", epoch.LearningRate);
        command.Parameters.AddWithValue("seconds", epoch.Seconds);
        if (await command.ExecuteNonQueryAsync(ct) == 1)
        {
            return true;
        }

        lease.Settle();
        return false;
    }

    // Fenced like a write: only the attempt holding the lease reads the checkpoint it is to resume from.
    private const string LoadCheckpointSql = """
        SELECT c.epoch, c.state FROM trial_checkpoints c JOIN trials t ON t.id = c.trial_id
        WHERE t.id = @id AND t.lease_token = @token AND t.status = 'running'
        """;

    /// <summary>The checkpoint the claimed attempt resumes from: the state at the end of the trial's last
    /// epoch recorded with one; null when there is none (training starts at epoch 1) or the lease no longer holds.</summary>
    public async Task<TrialCheckpoint?> LoadCheckpointAsync(TrialLease lease, CancellationToken ct)
    {
        await using var command = FencedCommand(LoadCheckpointSql, lease);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new TrialCheckpoint { TrialId = lease.TrialId, Epoch = reader.GetInt32(0), State = reader.GetFieldValue<byte[]>(1) }
            : null;
    }

    // The model (when there is one) is inserted only for a completion whose fence held.
    private const string CompleteSql = """
        WITH done AS (
            UPDATE trials SET
                status = 'succeeded', finished_at = now(), lease_token = NULL, lease_expires_at = NULL, error = NULL,
                test_accuracy = @test_accuracy, test_loss = @test_loss, val_accuracy = @val_accuracy, val_loss = @val_loss,
                best_epoch = @best_epoch, stop_reason = @stop_reason, parameter_count = @parameter_count,
                confusion_matrix = @confusion_matrix
            WHERE id = @id AND lease_token = @token AND status = 'running'
            RETURNING id, search_id
        ), kept AS (
            INSERT INTO trial_models (trial_id, format, data, size_bytes, pinned)
            SELECT id, @model_format, @model_data, length(@model_data), false FROM done WHERE @model_data::bytea IS NOT NULL
            ON CONFLICT (trial_id) DO UPDATE SET format = excluded.format, data = excluded.data, size_bytes = excluded.size_bytes
        )
        SELECT CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL FROM done
        """;

    /// <summary>Marks the trial succeeded with its results and keeps <paramref name="model"/> (its encoded
    /// <see cref="Models.ModelState"/>, or null for none) with it, in one statement; then, in the same
    /// transaction, applies the model retention should the search have ended. False when the lease no longer holds.</summary>
    public async Task<bool> CompleteAsync(TrialLease lease, TrialResult result, Models.StoredModel? model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var batch = EndingBatch(CompleteSql, lease);
        var command = batch.BatchCommands[0];
        command.Parameters.Add(new NpgsqlParameter("model_format", NpgsqlDbType.Text) { Value = (object?)model?.Format ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("model_data", NpgsqlDbType.Bytea) { Value = (object?)model?.Data ?? DBNull.Value });
        command.Parameters.AddWithValue("test_accuracy", result.TestAccuracy);
        command.Parameters.AddWithValue("test_loss", result.TestLoss);
        AddValidationMetrics(command.Parameters, result.ValLoss, result.ValAccuracy);
        command.Parameters.AddWithValue("best_epoch", result.BestEpoch);
        command.Parameters.AddWithValue("stop_reason", result.StopReason);
        command.Parameters.AddWithValue("parameter_count", result.ParameterCount);
        command.Parameters.AddWithValue("confusion_matrix", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(result.ConfusionMatrix));
        return Settled(lease, await HeldAsync(batch, ct));
    }

    /// <summary>A fenced statement that may end the trial's search, then the model retention for that search, as
    /// one batch (one round trip, one implicit transaction). The retention depends only on the rows it reads, so it
    /// runs whether or not the fence held. Add the statement's own parameters to <c>BatchCommands[0]</c>.</summary>
    private NpgsqlBatch EndingBatch(string sql, TrialLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new("id", lease.TrialId), new("token", lease.Token), ChangesParameter() } });
        batch.BatchCommands.Add(Models.ModelRetention.Prune(lease.SearchId, options.KeepModelsPerSearch));
        return batch;
    }

    /// <summary>Runs an <see cref="EndingBatch"/>; true when its fence held (the statement changed its one row).</summary>
    private static async Task<bool> HeldAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        await batch.ExecuteNonQueryAsync(ct);
        return batch.BatchCommands[0].Rows == 1;
    }

    // The CASEs read the row as locked, so a cancel request that lands meanwhile is seen.
    private const string FailSql = """
        UPDATE trials SET
            status = CASE WHEN cancel_requested THEN 'cancelled'
                          WHEN attempts < max_attempts THEN 'queued'
                          ELSE 'failed' END,
            available_at = CASE WHEN NOT cancel_requested AND attempts < max_attempts
                                THEN now() + @backoff ELSE available_at END,
            finished_at = CASE WHEN cancel_requested OR attempts >= max_attempts THEN now() END,
            error = @error, lease_token = NULL, lease_expires_at = NULL
        WHERE id = @id AND lease_token = @token AND status = 'running'
        RETURNING CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        """;

    /// <summary>
    /// Fails the attempt: while attempts remain the trial is queued again after the backoff
    /// (<see cref="QueueOptions.BackoffAfter"/>), otherwise it fails for good. The error is kept either way.
    /// False when the lease no longer holds.
    /// </summary>
    public async Task<bool> FailAsync(TrialLease lease, string error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var batch = EndingBatch(FailSql, lease);
        batch.BatchCommands[0].Parameters.AddWithValue("backoff", options.BackoffAfter(lease.Attempt));
        batch.BatchCommands[0].Parameters.AddWithValue("error", error);
        return Settled(lease, await HeldAsync(batch, ct));
    }

    private const string ConfirmCancelledSql = """
        UPDATE trials SET status = 'cancelled', finished_at = now(), lease_token = NULL, lease_expires_at = NULL
        WHERE id = @id AND lease_token = @token AND status = 'running'
        RETURNING CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        """;

    /// <summary>The worker saw the cancel request and stopped: the trial ends cancelled.
    /// False when the lease no longer holds.</summary>
    public async Task<bool> ConfirmCancelledAsync(TrialLease lease, CancellationToken ct)
    {
        await using var batch = EndingBatch(ConfirmCancelledSql, lease);
        return Settled(lease, await HeldAsync(batch, ct));
    }

    // Without a cancel request the attempt is given back and the trial requeued at once, in its old place
    // (available_at kept); with one the trial ends, and the attempt, which ran, keeps counting.
    private const string ReleaseSql = """
        UPDATE trials SET
            status = CASE WHEN cancel_requested THEN 'cancelled' ELSE 'queued' END,
            attempts = CASE WHEN cancel_requested THEN attempts ELSE attempts - 1 END,
            finished_at = CASE WHEN cancel_requested THEN now() END,
            lease_token = NULL, lease_expires_at = NULL
        WHERE id = @id AND lease_token = @token AND status = 'running'
        RETURNING status, CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        """;

    /// <summary>Hands the trial back (the worker is shutting down): queued again at once with the attempt
    /// given back, or cancelled, keeping the attempt, when a cancel was requested. Disposing an unsettled
    /// lease does this. False when the lease no longer holds.</summary>
    public async Task<bool> ReleaseAsync(TrialLease lease, CancellationToken ct)
    {
        await using var command = FencedCommand(ReleaseSql, lease);
        var status = (string?)await command.ExecuteScalarAsync(ct);
        lease.Settle();
        if (status == "queued")
        {
            await NotifyAsync(lease.SearchId, ct);
        }

        return status is not null;
    }

    // The expired attempt counts: a trial that keeps killing its workers fails after max_attempts.
    // It is requeued without backoff, in its old place (available_at kept), since the worker, not
    // necessarily the trial, is what failed.
    private const string RescueExpiredSql = """
        WITH expired AS (
            SELECT id FROM trials
            WHERE status = 'running' AND lease_expires_at < now()
            FOR UPDATE SKIP LOCKED
        )
        UPDATE trials t SET
            status = CASE WHEN t.cancel_requested THEN 'cancelled'
                          WHEN t.attempts < t.max_attempts THEN 'queued'
                          ELSE 'failed' END,
            error = CASE WHEN t.cancel_requested THEN t.error
                         ELSE format('lease expired: worker %s stopped renewing attempt %s of %s',
                                     t.worker, t.attempts, t.max_attempts) END,
            finished_at = CASE WHEN t.cancel_requested OR t.attempts >= t.max_attempts THEN now() END,
            lease_token = NULL, lease_expires_at = NULL
        FROM expired
        WHERE t.id = expired.id
        RETURNING t.status, CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, t.search_id::text) END IS NULL
        """;

    /// <summary>Takes back running trials whose lease expired (their worker stopped heartbeating): queued
    /// again, or failed when out of attempts, or cancelled when a cancel was requested. Returns how many.</summary>
    public async Task<int> RescueExpiredAsync(CancellationToken ct)
    {
        var requeued = 0;
        var rescued = 0;
        await using (var command = dataSource.CreateCommand(RescueExpiredSql))
        {
            command.Parameters.Add(ChangesParameter());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rescued++;
                requeued += reader.GetString(0) == "queued" ? 1 : 0;
            }
        }

        if (requeued > 0)
        {
            await NotifyAsync(searchId: null, ct);
        }

        return rescued;
    }

    // A fenced write that ran settles the lease either way: recorded, or refused because the lease was lost.
    private static bool Settled(TrialLease lease, bool recorded)
    {
        lease.Settle();
        return recorded;
    }

    private static HeartbeatOutcome Lost(TrialLease lease)
    {
        lease.Settle();
        return HeartbeatOutcome.LeaseLost;
    }

    private NpgsqlCommand FencedCommand(string sql, TrialLease lease) => Fence(dataSource.CreateCommand(sql), lease);

    private NpgsqlCommand FencedCommand(string sql, TrialLease lease, NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        Fence(new NpgsqlCommand(sql, connection, transaction), lease);

    private NpgsqlCommand Fence(NpgsqlCommand command, TrialLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        command.Parameters.AddWithValue("id", lease.TrialId);
        command.Parameters.AddWithValue("token", lease.Token);
        command.Parameters.Add(ChangesParameter());
        return command;
    }

    private const string NotifySql = "SELECT pg_notify(@channel, @payload)";

    private async Task NotifyAsync(long? searchId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(NotifySql);
        command.Parameters.AddWithValue("channel", options.Channel);
        command.Parameters.AddWithValue("payload", searchId?.ToString(CultureInfo.InvariantCulture) ?? "");
        await command.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlParameter ChangesParameter() => ChangesParameter(options);

    // Typed, since it may be null: null turns the change notifications off.
    internal static NpgsqlParameter ChangesParameter(QueueOptions options) =>
        new("changes", NpgsqlDbType.Text) { Value = (object?)options.ChangesChannel ?? DBNull.Value };

    private static NpgsqlParameter Nullable(string name, double? value) =>
        new(name, NpgsqlDbType.Double) { Value = value is { } v ? v : DBNull.Value };

    /// <summary>@val_loss and @val_accuracy: NULL when the search holds out no validation split.</summary>
    private static void AddValidationMetrics(NpgsqlParameterCollection parameters, double? loss, double? accuracy)
    {
        parameters.Add(Nullable("val_loss", loss));
        parameters.Add(Nullable("val_accuracy", accuracy));
    }
}
