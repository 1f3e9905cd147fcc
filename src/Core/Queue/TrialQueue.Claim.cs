using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Machines;
using GridSearch.Domain.Trials;
using Npgsql;
using NpgsqlTypes;

namespace GridSearch.Core.Queue;

/// <summary>The claim a worker makes (see the table in TrialQueue.cs): one statement, then, for a TPE trial not
/// suggested yet, its suggestion (<see cref="TrialSuggestions"/>).</summary>
public sealed partial class TrialQueue
{
    // One statement: pick the oldest available trial, lease it under a fresh token, and clear the epochs an
    // earlier attempt left past its checkpoint (all of them without one), so the new attempt resumes after
    // the checkpoint's epoch and its epochs replace the rest rather than mixing with them. It returns what
    // the worker needs to start the trial with no further round trip: its search's rules (the worker's role
    // may read these columns of searches, not the rest: migration SearchStopsAndPruning) and the epoch of the
    // checkpoint it resumes from, if any. Every statement that changes a trial names its search on the
    // changes channel (CASE: not when that is off); NOTIFY sends one of each payload per transaction, at commit.
    private const string ClaimSql = """
        WITH next AS (
            SELECT id FROM trials
            WHERE status = 'queued' AND available_at <= now() AND NOT cancel_requested
            ORDER BY available_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED
        ), claimed AS (
            UPDATE trials t
            SET status = 'running', lease_token = gen_random_uuid(), lease_expires_at = now() + @lease,
                attempts = t.attempts + 1, worker = @worker, started_at = coalesce(t.started_at, now()),
                engine_version = @engine, machine = @machine
            WHERE t.id = (SELECT id FROM next)
            RETURNING t.id, t.search_id, t.lease_token, t.attempts, t.config::text AS config, t.config_hash, t.chosen_by
        ), cleared AS (
            DELETE FROM epochs e USING claimed
            WHERE e.trial_id = claimed.id
              AND e.number > coalesce((SELECT c.epoch FROM trial_checkpoints c WHERE c.trial_id = claimed.id), 0)
        )
        SELECT id, search_id, lease_token, attempts, config, config_hash,
               (SELECT jsonb_build_object('limits', s.definition->'limits', 'pruner', s.definition->'pruner')::text
                FROM searches s WHERE s.id = claimed.search_id) AS rules,
               (SELECT c.epoch FROM trial_checkpoints c WHERE c.trial_id = claimed.id) AS checkpoint_epoch,
               chosen_by,
               CASE WHEN @changes::text IS NOT NULL THEN pg_notify(@changes, search_id::text) END IS NULL
        FROM claimed
        """;

    /// <summary>The claim's one statement: the lease as it comes from it.</summary>
    private async Task<TrialLease?> ClaimOneAsync(string worker, TrialMachine? machine, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("lease", options.LeaseDuration);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("engine", EngineVersion.Current);
        command.Parameters.Add(new NpgsqlParameter("machine", NpgsqlDbType.Jsonb) { Value = (object?)machine?.ToJson() ?? DBNull.Value });
        command.Parameters.Add(ChangesParameter());
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new TrialLease(this)
        {
            TrialId = reader.GetInt64(0),
            SearchId = reader.GetInt64(1),
            Token = reader.GetGuid(2),
            Attempt = reader.GetInt32(3),
            ConfigJson = reader.GetString(4),
            ConfigHash = reader.GetString(5),
            Rules = reader.IsDBNull(6) ? SearchRules.None : ReadRules(reader.GetString(6)),
            CheckpointEpoch = reader.IsDBNull(7) ? null : reader.GetInt32(7),
            ChosenBy = reader.IsDBNull(8) ? null : reader.GetString(8),
        };
    }

    private static SearchRules ReadRules(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SearchRules.Read(document.RootElement);
    }

    /// <summary>Leases the oldest available trial to <paramref name="worker"/>, or returns null when none is
    /// available. Dispose the lease (<c>await using</c>): unless an outcome was recorded it hands the trial back.
    /// A TPE trial not suggested yet gets its configuration right after the claim (<see cref="TrialSuggestions"/>);
    /// when its search's space is exhausted it ends cancelled instead, and the next trial is claimed.</summary>
    public Task<TrialLease?> ClaimAsync(string worker, CancellationToken ct) => ClaimAsync(worker, machine: null, ct);

    /// <summary>As <see cref="ClaimAsync(string, CancellationToken)"/>, recording on the trial the
    /// <paramref name="machine"/> it is trained on (null: not known), as the claim records the worker.</summary>
    public async Task<TrialLease?> ClaimAsync(string worker, TrialMachine? machine, CancellationToken ct)
    {
        while (true)
        {
            var lease = await ClaimOneAsync(worker, machine, ct);
            if (lease?.ChosenBy is not null)
            {
                return lease;
            }

            if (lease is null)
            {
                return null;
            }

            try
            {
                if (await suggestions.SuggestAsync(lease, ct))
                {
                    return lease;
                }
            }
            catch
            {
                await lease.HandBackAsync();
                throw;
            }
        }
    }
}
