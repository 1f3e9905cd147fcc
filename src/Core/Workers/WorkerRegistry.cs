using GridSearch.Domain.Vocabulary;
using Npgsql;

namespace GridSearch.Core.Workers;

/// <summary>
/// The workers table: each worker process registers itself and heartbeats (its supervisor), each slot says
/// which trial it runs and counts the ones it recorded, and the API lists them. All of it is for people to
/// see; the queue never reads it (leases alone decide who holds a trial), so a write that fails here costs
/// nothing but a stale row.
/// </summary>
public sealed class WorkerRegistry(NpgsqlDataSource dataSource)
{
    /// <summary>The longest host, device or version text kept.</summary>
    public const int MaxTextLength = 200;

    /// <summary>How long a lost worker stays on the list before any other worker's heartbeat removes it.</summary>
    public static readonly TimeSpan ForgetLostAfter = TimeSpan.FromDays(1);

    // Registration and heartbeat are one statement: a worker whose row is gone (deleted while it could not
    // reach the database) comes back with its first heartbeat. A heartbeat changes only last_seen_at of its
    // own row, and removes the rows of workers not seen for ForgetLostAfter, so the dead do not pile up.
    private const string HeartbeatSql = """
        WITH forgotten AS (
            DELETE FROM workers WHERE id <> @id AND last_seen_at < now() - @forget
        )
        INSERT INTO workers (id, host, process_id, slots, device, version, started_at, last_seen_at, lease_seconds, running, trials_done)
        VALUES (@id, left(@host, @max), @process_id, @slots, left(@device, @max), left(@version, @max), now(), now(), @lease_seconds,
                array_fill(NULL::bigint, ARRAY[@slots]), 0)
        ON CONFLICT (id) DO UPDATE SET last_seen_at = now()
        """;

    // Arrays are 1-based; slots count from 0.
    private const string SlotSql = """
        UPDATE workers SET running[@slot + 1] = @trial, trials_done = trials_done + @done, last_seen_at = now()
        WHERE id = @id
        """;

    /// <summary>A worker is lost once it has not been seen for two of its leases, by the database's clock.</summary>
    public const string LostSql = "now() - last_seen_at > 2 * lease_seconds * interval '1 second'";

    private const string ListSql = $"""
        SELECT id, host, process_id, slots, device, version, started_at, last_seen_at, lease_seconds,
               {LostSql} AS lost, trials_done, running
        FROM workers
        ORDER BY lost, host, started_at, id
        """;

    public async Task HeartbeatAsync(WorkerRegistration worker, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(worker);
        await using var command = dataSource.CreateCommand(HeartbeatSql);
        command.Parameters.AddWithValue("id", worker.Id);
        command.Parameters.AddWithValue("host", worker.Host);
        command.Parameters.AddWithValue("process_id", worker.ProcessId);
        command.Parameters.AddWithValue("slots", worker.Slots);
        command.Parameters.AddWithValue("device", EnumNames.Of(worker.Device));
        command.Parameters.AddWithValue("version", worker.Version);
        command.Parameters.AddWithValue("lease_seconds", (int)Math.Ceiling(worker.Lease.TotalSeconds));
        command.Parameters.AddWithValue("max", MaxTextLength);
        command.Parameters.AddWithValue("forget", ForgetLostAfter);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Slot <paramref name="slot"/> of the worker now runs <paramref name="trialId"/> (null: it is idle);
    /// <paramref name="recorded"/>: the trial it ran before had its outcome recorded.</summary>
    public async Task SlotAsync(Guid workerId, int slot, long? trialId, bool recorded, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(SlotSql);
        command.Parameters.AddWithValue("id", workerId);
        command.Parameters.AddWithValue("slot", slot);
        command.Parameters.Add(new NpgsqlParameter("trial", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = trialId is { } t ? t : DBNull.Value });
        command.Parameters.AddWithValue("done", recorded ? 1L : 0L);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A worker that stops cleanly leaves the list; one that dies stays, shown as lost, for
    /// <see cref="ForgetLostAfter"/>.</summary>
    public async Task RemoveAsync(Guid workerId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM workers WHERE id = @id");
        command.Parameters.AddWithValue("id", workerId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every registered worker, the alive ones first, with the trial (and its search) in each busy slot.</summary>
    public async Task<IReadOnlyList<WorkerStatus>> ListAsync(CancellationToken ct)
    {
        var rows = new List<(RegisteredWorker Worker, bool Lost)>();
        await using (var command = dataSource.CreateCommand(ListSql))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((
                    new RegisteredWorker
                    {
                        Id = reader.GetGuid(0), Host = reader.GetString(1), ProcessId = reader.GetInt32(2), Slots = reader.GetInt32(3),
                        Device = reader.GetString(4), Version = reader.GetString(5), StartedAt = reader.GetFieldValue<DateTimeOffset>(6),
                        LastSeenAt = reader.GetFieldValue<DateTimeOffset>(7), LeaseSeconds = reader.GetInt32(8),
                        TrialsDone = reader.GetInt64(10), Running = reader.GetFieldValue<long?[]>(11),
                    },
                    reader.GetBoolean(9)));
            }
        }

        var searches = await SearchesOfAsync(rows.SelectMany(r => r.Worker.Running).OfType<long>().ToArray(), ct);
        return rows.Select(r => new WorkerStatus(
            r.Worker,
            r.Lost,
            r.Worker.Running
                .Select((trial, slot) => trial is { } id ? new SlotTrial(slot, id, searches.GetValueOrDefault(id)) : null)
                .OfType<SlotTrial>()
                .ToList())).ToList();
    }

    private async Task<Dictionary<long, long?>> SearchesOfAsync(long[] trialIds, CancellationToken ct)
    {
        var searches = new Dictionary<long, long?>();
        if (trialIds.Length == 0)
        {
            return searches;
        }

        await using var command = dataSource.CreateCommand("SELECT id, search_id FROM trials WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", trialIds);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            searches[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return searches;
    }
}
