using System.Data;
using System.Globalization;
using System.Text.Json;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;
using Npgsql;
using NpgsqlTypes;

namespace GridSearch.Core.Queue;

/// <summary>
/// The trial queue, kept in PostgreSQL: the trials table is the queue, in the way Hangfire.PostgreSql,
/// River and Oban fetch jobs. A claim takes the oldest available queued row with FOR UPDATE SKIP LOCKED,
/// so concurrent workers never wait on, or take, each other's row, and turns it into a lease: a fresh
/// token and an expiry in database time (workers' clocks do not matter), renewed by heartbeats.
/// <para>
/// This class is the trial's state machine: its SQL is the only code that changes a trial's state
/// (<see cref="Trial"/> is a read model). Every transition, one statement each:
/// </para>
/// <code>
/// from → to            method                 guard                                   attempts  lease_token / lease_expires_at  available_at     finished_at  error
/// queued → running     ClaimAsync,            available, no cancel request            +1        new / now() + lease             =                =  (NULL)    =
///                      ClaimManyAsync
/// running → running    HeartbeatAsync,        fence                                   =         = / now() + lease               =                =            =
///                      RecordEpochAsync
/// running → succeeded  CompleteAsync          fence                                   =         NULL / NULL                     =                now()        NULL
/// running → succeeded  CompleteAndClaim-      fence, each completion its own          =         NULL / NULL                     =                now()        NULL
/// + queued → running     (Next)Async          available, no cancel request, ≤ N       +1        new / now() + lease             =                =  (NULL)    =
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
/// (none) → succeeded  RecordCachedAsync      a reusable result of the same config    0         NULL / NULL                     now()            now()        NULL
///                                             hash and engine version, in any search
/// queued → cancelled   CancelSearchAsync      its search's                            =         =  (NULL)                       =                now()        =
/// running → running    CancelSearchAsync      its search's, no cancel request yet     =         =                               =                =            =
/// running → cancelled  CheckLimitsAtClaim-    fence, its search over maxTrials or     -1        NULL / NULL                     =                now()        =
///                        Async                  past its time limit
/// queued → cancelled   StopSearchAsync        its search's, fence of the caller's     =         =  (NULL)                       =                now()        =
///                                             trial, search not stopped or cancelled
/// running → running    StopSearchAsync        as above, not for max_trials, not the   =         =                               =                =            =
///                                             caller's trial, no cancel request yet
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
/// A trial cancelled at its claim gives the attempt back and, on its first attempt, its started_at, since it
/// never ran; the claim also
/// sets worker, engine_version (<see cref="EngineVersion.Current"/>: the claiming worker's) and (on the
/// first attempt) started_at, and deletes the epochs an earlier attempt left past its checkpoint.
/// Checkpoints (trial_checkpoints, one row per trial): RecordEpochAsync replaces the trial's checkpoint in
/// the statement that records the epoch, under the same fence; a trial handed back, rescued or retried
/// keeps it and its epochs up to it, and the attempt that claims it next resumes from it
/// (<see cref="LoadCheckpointAsync"/>) without recording those epochs again. A trigger drops the
/// checkpoint when the trial becomes succeeded, failed or cancelled, whichever statement does it.
/// RecordCachedAsync, at submission and in its transaction, records a trial that is never queued: the
/// source's results, its epochs and its engine version are copied and cached_from names it (see its
/// comment for the guard).
/// A claim of many (ClaimManyAsync, CompleteAndClaimAsync) is still one FOR UPDATE SKIP LOCKED statement;
/// each trial it takes gets a token of its own, so every later write is fenced per trial as above, and a
/// batch of completions is fenced per completion: the ones whose lease moved on change nothing. Each
/// transition above also sends the trial's search id on <see cref="QueueOptions.ChangesChannel"/> from
/// its own statement (the heartbeat, which changes nothing shown, does not), so a listener hears of it
/// exactly when it commits.
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
/// nothing and exactly one attempt's result is kept (a claim of many and a batch of completions keep both
/// per trial). A combination is queued at most once per search:
/// the unique index on (search_id, config_hash) refuses a duplicate.
/// </para>
/// </summary>
public sealed class TrialQueue
{
    private const string CopyTrialsSql = """
        COPY trials (search_id, ordinal, status, config, config_hash, grid_point, attempts, max_attempts, available_at, cancel_requested, fold_of)
        FROM STDIN (FORMAT BINARY)
        """;

    // NOTIFY is transactional: sent only when the caller commits, so it can go before the rows.
    private const string NotifyAndNowSql = """
        SELECT now(), pg_notify(@channel, @payload),
               CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, @payload) END IS NULL
        """;

    private const string NotifySql = "SELECT pg_notify(@channel, @payload)";

    private const string AddToSearchSql = """
        UPDATE searches SET trial_count = trial_count + @count
        WHERE id = @search AND cancelled_at IS NULL AND stop_reason IS NULL
        """;

    // The result cache: each new trial whose config hash (dataset, config and seed) has a result trained
    // by this engine version, ended the way the config alone decides (not cancelled, limited or pruned),
    // is recorded succeeded at once with the earliest such result and its epochs; the source is always a
    // trained trial (cached_from IS NULL), so a chain of copies never forms. Finished rows never change
    // again, so reading them unlocked is safe. One statement; ix_trials_cache serves the lookup.
    private const string CacheSourceStep = """
        source AS (
            SELECT DISTINCT ON (n.ordinal) n.ordinal AS new_ordinal, n.grid_point AS new_grid_point, s.id, s.config, s.config_hash,
                   s.test_accuracy, s.test_loss, s.val_accuracy, s.val_loss, s.best_epoch, s.stop_reason,
                   s.parameter_count, s.confusion_matrix, s.engine_version
            FROM unnest(@ordinals, @hashes, @grid_points) AS n(ordinal, config_hash, grid_point)
            JOIN trials s ON s.config_hash = n.config_hash AND s.engine_version = @engine
                AND s.status = 'succeeded' AND s.cached_from IS NULL AND s.stop_reason = ANY(@reusable)
            ORDER BY n.ordinal, s.id
        )
        """;

    private const string RecordCachedSql = $"""
        WITH {CacheSourceStep}, copied AS (
            INSERT INTO trials (search_id, ordinal, status, config, config_hash, grid_point, attempts, max_attempts,
                                available_at, cancel_requested, started_at, finished_at, test_accuracy, test_loss,
                                val_accuracy, val_loss, best_epoch, stop_reason, parameter_count, confusion_matrix,
                                engine_version, cached_from)
            SELECT @search, new_ordinal, 'succeeded', config, config_hash, new_grid_point::jsonb, 0, @max_attempts,
                   now(), false, now(), now(), test_accuracy, test_loss,
                   val_accuracy, val_loss, best_epoch, stop_reason, parameter_count, confusion_matrix,
                   engine_version, id
            FROM source
            RETURNING id, search_id, ordinal, cached_from
        ), epochs_copied AS (
            INSERT INTO epochs (trial_id, search_id, number, train_loss, train_accuracy, val_loss, val_accuracy, learning_rate, seconds)
            SELECT c.id, c.search_id, e.number, e.train_loss, e.train_accuracy, e.val_loss, e.val_accuracy, e.learning_rate, e.seconds
            FROM copied c JOIN epochs e ON e.trial_id = c.cached_from
        )
        SELECT ordinal FROM copied
        """;

    private const string FindCachedSql = $"""
        WITH {CacheSourceStep}
        SELECT new_ordinal, id FROM source
        """;

    // One statement: pick up to @count, lease each under a token of its own (gen_random_uuid() runs per
    // row), and clear the epochs an earlier attempt left past its checkpoint (all of them without one),
    // so the new attempt resumes after the checkpoint's epoch and its epochs replace the rest rather than
    // mixing with them. The picked ids go to the UPDATE as an array: with the LIMIT a parameter, the
    // prepared (generic) plan cannot tell how many rows `next` holds, and joined to it the UPDATE
    // hash-joined a sequential scan of the whole table (bench/QueueBench); = ANY(ARRAY(...)) is always
    // a primary-key lookup. Every statement that changes a trial names its search on the changes channel
    // (CASE: not when that is off); NOTIFY sends one of each payload per transaction, at commit.
    private const string ClaimSteps = """
        next AS (
            SELECT id FROM trials
            WHERE status = 'queued' AND available_at <= now() AND NOT cancel_requested
            ORDER BY available_at, id
            LIMIT @count
            FOR UPDATE SKIP LOCKED
        ), claimed AS (
            UPDATE trials t
            SET status = 'running', lease_token = gen_random_uuid(), lease_expires_at = now() + @lease,
                attempts = t.attempts + 1, worker = @worker, started_at = coalesce(t.started_at, now()),
                engine_version = @engine
            WHERE t.id = ANY(ARRAY(SELECT id FROM next))
            RETURNING t.id, t.search_id, t.lease_token, t.attempts, t.config::text AS config, t.config_hash
        ), cleared AS (
            DELETE FROM epochs e USING claimed
            WHERE e.trial_id = claimed.id
              AND e.number > coalesce((SELECT c.epoch FROM trial_checkpoints c WHERE c.trial_id = claimed.id), 0)
        )
        """;

    // What a claim returns besides the trial, so the worker needs no further round trip to start it: its
    // search's rules (the worker's role may read these columns of searches, not the rest: migration
    // SearchStopsAndPruning) and the epoch of the checkpoint it resumes from, if any.
    private const string LeaseExtras = """
        (SELECT jsonb_build_object('limits', s.definition->'limits', 'pruner', s.definition->'pruner')::text
         FROM searches s WHERE s.id = claimed.search_id) AS rules,
        (SELECT c.epoch FROM trial_checkpoints c WHERE c.trial_id = claimed.id) AS checkpoint_epoch
        """;

    private const string ClaimSql = $"""
        WITH {ClaimSteps}
        SELECT id, search_id, lease_token, attempts, config, config_hash, {LeaseExtras},
               CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        FROM claimed
        ORDER BY id
        """;

    // A slot that finished trials records them and takes the next ones in one round trip and one
    // transaction: the completions fenced each by its own id and token (a refused one changes nothing),
    // the claim exactly ClaimSql's. The two touch disjoint rows (running ones, queued ones).
    private const string CompleteAndClaimSql = $"""
        WITH done AS (
            UPDATE trials t SET
                status = 'succeeded', finished_at = now(), lease_token = NULL, lease_expires_at = NULL, error = NULL,
                test_accuracy = r.test_accuracy, test_loss = r.test_loss, val_accuracy = r.val_accuracy,
                val_loss = r.val_loss, best_epoch = r.best_epoch, stop_reason = r.stop_reason,
                parameter_count = r.parameter_count, confusion_matrix = r.confusion_matrix::jsonb
            FROM unnest(@ids, @tokens, @test_accuracy, @test_loss, @val_accuracy, @val_loss,
                        @best_epoch, @stop_reason, @parameter_count, @confusion_matrix)
                AS r(id, token, test_accuracy, test_loss, val_accuracy, val_loss, best_epoch, stop_reason, parameter_count, confusion_matrix)
            WHERE t.id = ANY(@ids) AND t.id = r.id AND t.lease_token = r.token AND t.status = 'running'
            RETURNING t.id, t.search_id
        ), {ClaimSteps}
        SELECT false AS claimed, id, search_id, NULL::uuid AS lease_token, 0 AS attempts, NULL::text AS config, NULL::text AS config_hash,
               NULL::text AS rules, NULL::int AS checkpoint_epoch,
               CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        FROM done
        UNION ALL
        SELECT true, id, search_id, lease_token, attempts, config, config_hash, {LeaseExtras},
               CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        FROM claimed
        """;

    // 0: renewed, 1: cancel requested, 2: a limit of the search stopped it (see StopSearchSql).
    private const string HeartbeatSql = """
        UPDATE trials SET lease_expires_at = now() + @lease
        WHERE id = @id AND lease_token = @token AND status = 'running'
        RETURNING CASE WHEN NOT cancel_requested THEN 0 WHEN stop_reason = 'limit' THEN 2 ELSE 1 END
        """;

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

    // Fenced like a write: only the attempt holding the lease reads the checkpoint it is to resume from.
    private const string LoadCheckpointSql = """
        SELECT c.epoch, c.state FROM trial_checkpoints c JOIN trials t ON t.id = c.trial_id
        WHERE t.id = @id AND t.lease_token = @token AND t.status = 'running'
        """;

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

    private const string ConfirmCancelledSql = """
        UPDATE trials SET status = 'cancelled', finished_at = now(), lease_token = NULL, lease_expires_at = NULL
        WHERE id = @id AND lease_token = @token AND status = 'running'
        RETURNING CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        """;

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

    // The pruner's one query per epoch: a range of ix_epochs_search_number (an index-only scan); and the
    // database's clock, which the time limit is measured by.
    private const string StandingByAccuracySql = """
        SELECT array(SELECT val_accuracy FROM epochs
                     WHERE search_id = @search AND number = @number AND trial_id <> @id AND val_accuracy IS NOT NULL), now()
        """;

    private const string StandingByLossSql = """
        SELECT array(SELECT val_loss FROM epochs
                     WHERE search_id = @search AND number = @number AND trial_id <> @id AND val_loss IS NOT NULL), now()
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly QueueOptions options;
    private readonly string listen;

    public TrialQueue(NpgsqlDataSource dataSource, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.dataSource = dataSource;
        this.options = options;
        // LISTEN takes a name, not a parameter; Validate accepted only a plain lowercase identifier.
        listen = "LISTEN " + options.Channel;
    }

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
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>
    /// The result cache, in the caller's transaction (the one that inserts the search, before
    /// <see cref="EnqueueAsync"/> queues the rest): each of <paramref name="trials"/> whose config hash has a
    /// reusable result of this <see cref="EngineVersion"/> in any search is recorded succeeded at once, its
    /// results and epochs the source's and cached_from the source's id; it is never queued nor claimed.
    /// Returns the ordinals so recorded; the caller queues the others.
    /// </summary>
    public async Task<IReadOnlySet<int>> RecordCachedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long searchId, IReadOnlyList<TrialToEnqueue> trials, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(trials);
        var cached = new HashSet<int>();
        if (trials.Count == 0)
        {
            return cached;
        }

        await using var command = CacheCommand(new NpgsqlCommand(RecordCachedSql, connection, transaction), trials);
        command.Parameters.AddWithValue("search", searchId);
        command.Parameters.AddWithValue("max_attempts", options.MaxAttempts);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            cached.Add(reader.GetInt32(0));
        }

        return cached;
    }

    /// <summary>What <see cref="RecordCachedAsync"/> would record now, writing nothing: the source trial's id
    /// by the ordinal of each of <paramref name="trials"/> the cache would answer.</summary>
    public async Task<IReadOnlyDictionary<int, long>> FindCachedAsync(IReadOnlyList<TrialToEnqueue> trials, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trials);
        await using var command = CacheCommand(dataSource.CreateCommand(FindCachedSql), trials);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var sources = new Dictionary<int, long>();
        while (await reader.ReadAsync(ct))
        {
            sources[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return sources;
    }

    /// <summary>The cache lookup's parameters (<c>CacheSourceStep</c>) for <paramref name="trials"/>.</summary>
    private static NpgsqlCommand CacheCommand(NpgsqlCommand command, IReadOnlyList<TrialToEnqueue> trials)
    {
        command.Parameters.AddWithValue("ordinals", trials.Select(t => t.Ordinal).ToArray());
        command.Parameters.AddWithValue("hashes", trials.Select(t => t.ConfigHash).ToArray());
        command.Parameters.AddWithValue("grid_points", trials.Select(t => t.GridPointJson).ToArray());
        command.Parameters.AddWithValue("engine", EngineVersion.Current);
        command.Parameters.AddWithValue("reusable", StopReason.Reusable.ToArray());
        return command;
    }

    /// <summary>Leases the oldest available trial to <paramref name="worker"/>, or returns null when none is
    /// available. Dispose the lease (<c>await using</c>): unless an outcome was recorded it hands the trial back.</summary>
    public async Task<TrialLease?> ClaimAsync(string worker, CancellationToken ct) =>
        (await ClaimManyAsync(worker, 1, ct)) is [var lease] ? lease : null;

    /// <summary>
    /// Leases up to <paramref name="count"/> of the oldest available trials to <paramref name="worker"/> in one
    /// statement, each under a token of its own; none when none is available. For short trials, where a
    /// claim per trial would cost more than the trial: the worker must finish or heartbeat each before its
    /// lease runs out, since every lease is rescued on its own. Dispose each lease as with <see cref="ClaimAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<TrialLease>> ClaimManyAsync(string worker, int count, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("lease", options.LeaseDuration);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("engine", EngineVersion.Current);
        command.Parameters.Add(ChangesParameter());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var leases = new List<TrialLease>(count);
        while (await reader.ReadAsync(ct))
        {
            leases.Add(ReadLease(reader));
        }

        return leases;
    }

    /// <summary>
    /// Records a finished trial's result and leases the next trial to <paramref name="worker"/>, in one round
    /// trip: <see cref="CompleteAsync"/> and <see cref="ClaimAsync"/> as one statement. The completion is
    /// fenced as CompleteAsync's; the claim happens either way.
    /// </summary>
    public async Task<CompletedAndNext> CompleteAndClaimNextAsync(TrialLease lease, TrialResult result, string worker, CancellationToken ct)
    {
        var outcome = await CompleteAndClaimAsync([new TrialCompletion(lease, result)], worker, 1, ct);
        return new CompletedAndNext(outcome.Recorded[0], outcome.Claimed is [var next] ? next : null);
    }

    /// <summary>
    /// Records the results of finished trials and leases up to <paramref name="claim"/> more to
    /// <paramref name="worker"/>, in one statement and one transaction. Each completion is fenced by its own
    /// lease, as <see cref="CompleteAsync"/>'s: one whose lease moved on is refused and changes nothing, the
    /// others are recorded. <paramref name="claim"/> may be 0 (complete only), the completions empty (claim only).
    /// </summary>
    public async Task<CompletedAndClaimed> CompleteAndClaimAsync(
        IReadOnlyList<TrialCompletion> completions, string worker, int claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(completions);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentOutOfRangeException.ThrowIfNegative(claim);
        if (completions.Select(c => c.Lease.TrialId).Distinct().Count() != completions.Count)
        {
            throw new ArgumentException("Each trial may be completed once per call.", nameof(completions));
        }

        // A batch of completions locks its rows in the order the plan visits them, so it may deadlock with a
        // cancel that locks the same rows in another order; PostgreSQL then rolls one back whole, and
        // running the statement again is safe: the fences make the completions idempotent.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CompleteAndClaimOnceAsync(completions, worker, claim, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
            }
        }
    }

    private async Task<CompletedAndClaimed> CompleteAndClaimOnceAsync(
        IReadOnlyList<TrialCompletion> completions, string worker, int claim, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CompleteAndClaimSql);
        var results = completions.Select(c => c.Result).ToArray();
        command.Parameters.AddWithValue("ids", completions.Select(c => c.Lease.TrialId).ToArray());
        command.Parameters.AddWithValue("tokens", completions.Select(c => c.Lease.Token).ToArray());
        command.Parameters.AddWithValue("test_accuracy", results.Select(r => r.TestAccuracy).ToArray());
        command.Parameters.AddWithValue("test_loss", results.Select(r => r.TestLoss).ToArray());
        command.Parameters.Add(new NpgsqlParameter("val_accuracy", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = results.Select(r => r.ValAccuracy).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("val_loss", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = results.Select(r => r.ValLoss).ToArray() });
        command.Parameters.AddWithValue("best_epoch", results.Select(r => r.BestEpoch).ToArray());
        command.Parameters.AddWithValue("stop_reason", results.Select(r => r.StopReason).ToArray());
        command.Parameters.AddWithValue("parameter_count", results.Select(r => r.ParameterCount).ToArray());
        command.Parameters.AddWithValue("confusion_matrix", results.Select(r => JsonSerializer.Serialize(r.ConfusionMatrix)).ToArray());
        command.Parameters.AddWithValue("count", claim);
        command.Parameters.AddWithValue("lease", options.LeaseDuration);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("engine", EngineVersion.Current);
        command.Parameters.Add(ChangesParameter());
        var recordedIds = new HashSet<long>();
        var claimed = new List<TrialLease>(claim);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetBoolean(0))
                {
                    claimed.Add(ReadLease(reader, offset: 1));
                }
                else
                {
                    recordedIds.Add(reader.GetInt64(1));
                }
            }
        }

        // Recorded or refused, each completion's lease is settled: there is nothing left to hand back.
        var recorded = new bool[completions.Count];
        for (var i = 0; i < completions.Count; i++)
        {
            recorded[i] = recordedIds.Contains(completions[i].Lease.TrialId);
            completions[i].Lease.Settle();
        }

        return new CompletedAndClaimed(recorded, claimed);
    }

    private TrialLease ReadLease(NpgsqlDataReader reader, int offset = 0) => new(this)
    {
        TrialId = reader.GetInt64(offset),
        SearchId = reader.GetInt64(offset + 1),
        Token = reader.GetGuid(offset + 2),
        Attempt = reader.GetInt32(offset + 3),
        ConfigJson = reader.GetString(offset + 4),
        ConfigHash = reader.GetString(offset + 5),
        Rules = reader.IsDBNull(offset + 6) ? SearchRules.None : ReadRules(reader.GetString(offset + 6)),
        CheckpointEpoch = reader.IsDBNull(offset + 7) ? null : reader.GetInt32(offset + 7),
    };

    private static SearchRules ReadRules(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SearchRules.Read(document.RootElement);
    }

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

    /// <summary>Stores (or replaces) one epoch of the running attempt and extends the lease;
    /// false when the lease no longer holds.</summary>
    public Task<bool> RecordEpochAsync(TrialLease lease, Epoch epoch, CancellationToken ct) =>
        RecordEpochAsync(lease, epoch, checkpoint: null, ct);

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

    /// <summary>Marks the trial succeeded with its results; false when the lease no longer holds.</summary>
    public Task<bool> CompleteAsync(TrialLease lease, TrialResult result, CancellationToken ct) =>
        CompleteAsync(lease, result, null, ct);

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

    /// <summary>
    /// Sends the epoch and the completion statements once each for a lease that no trial holds (trial 0, which
    /// no claim hands out): both fences refuse, so nothing is written or announced, but this process's connection
    /// is open and the code that sends them compiled before its first trial's first epoch waits on them.
    /// A slot calls it while it warms up, before its first claim.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        var unheld = new TrialLease(this)
        {
            TrialId = 0, SearchId = 0, Token = Guid.Empty, Attempt = 0, ConfigJson = "{}", ConfigHash = "", Rules = SearchRules.None,
        };
        var epoch = new Epoch { Number = 1, TrainLoss = 0, TrainAccuracy = 0, ValLoss = 0, ValAccuracy = 0, LearningRate = 0, Seconds = 0 };
        var result = new TrialResult(0, 0, 0, 0, 0, StopReason.Completed, 0, [[0]]);
        if (await RecordEpochAsync(unheld, epoch, checkpoint: [0], ct) || await CompleteAsync(unheld, result, new Models.StoredModel(Models.ModelState.Format, [0]), ct))
        {
            throw new InvalidOperationException("A write for trial 0 was accepted: the queue's fence is broken.");
        }
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

    /// <summary>The worker saw the cancel request and stopped: the trial ends cancelled.
    /// False when the lease no longer holds.</summary>
    public async Task<bool> ConfirmCancelledAsync(TrialLease lease, CancellationToken ct)
    {
        await using var batch = EndingBatch(ConfirmCancelledSql, lease);
        return Settled(lease, await HeldAsync(batch, ct));
    }

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

    /// <summary>The pruner's view at the end of epoch <paramref name="epoch"/> of the leased trial: the values
    /// of <paramref name="metric"/> the search's other trials had at that epoch, and the database's time.</summary>
    public async Task<EpochStanding> EpochStandingAsync(TrialLease lease, int epoch, EpochMetric metric, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var command = dataSource.CreateCommand(metric == EpochMetric.ValAccuracy ? StandingByAccuracySql : StandingByLossSql);
        command.Parameters.AddWithValue("search", lease.SearchId);
        command.Parameters.AddWithValue("number", epoch);
        command.Parameters.AddWithValue("id", lease.TrialId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new EpochStanding(reader.GetFieldValue<double[]>(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero));
    }

    /// <summary>
    /// Waits, on a connection of its own, until trials are queued (a NOTIFY on the channel) or the
    /// timeout passes; workers then try to claim either way, so the timeout is the polling fallback
    /// for a notification missed between their last claim and this call. True when notified.
    /// </summary>
    public async Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using (var command = new NpgsqlCommand(listen, connection))
            {
                await command.ExecuteNonQueryAsync(ct);
            }

            return await connection.WaitAsync(timeout, ct);
        }
        finally
        {
            // The connection goes back to the pool: stop the server sending it notifications nobody reads.
            if (connection.State == ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand("UNLISTEN *", connection);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
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

    private NpgsqlCommand StopSearchCommand(TrialLease lease, string reason, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var command = FencedCommand(StopSearchSql, lease, connection, transaction);
        command.Parameters.AddWithValue("search", lease.SearchId);
        command.Parameters.AddWithValue("reason", reason);
        // max_trials lets the trials it allowed finish.
        command.Parameters.AddWithValue("running", reason != SearchStopReason.MaxTrials);
        return command;
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

    private async Task NotifyAsync(long? searchId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(NotifySql);
        command.Parameters.AddWithValue("channel", options.Channel);
        command.Parameters.AddWithValue("payload", searchId?.ToString(CultureInfo.InvariantCulture) ?? "");
        await command.ExecuteNonQueryAsync(ct);
    }

    // Typed, since it may be null: null turns the change notifications off.
    private NpgsqlParameter ChangesParameter() =>
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
