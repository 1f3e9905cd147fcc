using System.Text.Json;
using GridSearch.Core.Trials;
using GridSearch.Core.Workers;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using Npgsql;

namespace GridSearch.Core.Estimates;

/// <summary>
/// What the estimates read: the rates of recently trained trials (<see cref="MeasuredRates"/>), the queue as a
/// search meets it (<see cref="QueueState"/>: live slots, running and queued trials), and a search's progress
/// in epochs with its time left.
/// </summary>
public sealed class EpochRateQuery(NpgsqlDataSource dataSource)
{
    /// <summary>The most recent trained trials the rates are measured over (running ones first: they show the load now).</summary>
    public const int RecentTrials = 200;

    // Trials that trained here (a cached one did not): running ones, then the last to finish; the seconds their
    // epochs recorded, and for one that finished in one attempt the time from its claim to its result (its end
    // is that less its epochs). Not the end of a slot's first trial of a dataset among these (the worker column
    // names the slot process): that one also read the dataset.
    private const string RecentSql = """
        WITH recent AS (
            SELECT id, search_id, config::text AS config, status, attempts, started_at, finished_at,
                   row_number() OVER (PARTITION BY worker, config->>'dataset' ORDER BY started_at, id) = 1 AS first_of_slot
            FROM (SELECT * FROM trials
                  WHERE status IN ('running', 'succeeded') AND cached_from IS NULL
                  ORDER BY status = 'running' DESC, finished_at DESC NULLS LAST, id DESC
                  LIMIT @recent) latest
        )
        SELECT r.search_id, r.config, e.epochs, e.seconds,
               CASE WHEN r.status = 'succeeded' AND r.attempts = 1 AND r.finished_at > r.started_at AND NOT r.first_of_slot
                    THEN extract(epoch FROM r.finished_at - r.started_at)::float8 END
        FROM recent r
        CROSS JOIN LATERAL (SELECT count(*)::int AS epochs, coalesce(sum(seconds), 0)::float8 AS seconds FROM epochs WHERE trial_id = r.id) e
        WHERE e.epochs > 0
        ORDER BY r.status = 'running' DESC, r.finished_at DESC NULLS LAST, r.id DESC
        """;

    // A slot is alive while its worker heartbeats (WorkerRegistry.LostSql decides when it is lost).
    private const string LiveSlotsSql = $"SELECT coalesce(sum(slots), 0)::int FROM workers WHERE NOT ({WorkerRegistry.LostSql})";

    // Running trials, then queued ones in claim order (TrialQueue's: available_at, id); for a search's time
    // left only the queue up to its last queued trial matters (those behind it never delay it).
    private const string ActiveSql = """
        SELECT t.search_id, t.config::text, t.status = 'running',
               (SELECT count(*)::int FROM epochs e WHERE e.trial_id = t.id)
        FROM trials t
        WHERE t.status = 'running'
           OR (t.status = 'queued' AND NOT t.cancel_requested
               AND (@upto::bigint IS NULL
                    OR (t.available_at, t.id) <= (SELECT available_at, id FROM trials
                                                  WHERE search_id = @upto AND status = 'queued' AND NOT cancel_requested
                                                  ORDER BY available_at DESC, id DESC LIMIT 1)))
        ORDER BY t.status = 'running' DESC, t.available_at, t.id
        """;

    // A queued or running trial plans its config's epochs (or more, for a retry whose earlier epochs are
    // still there until it is claimed); a finished one the epochs it ran.
    private const string SearchEpochsSql = """
        SELECT coalesce(sum(e.epochs), 0)::bigint,
               coalesce(sum(CASE WHEN t.status IN ('queued', 'running') THEN greatest((t.config->>'epochs')::int, e.epochs) ELSE e.epochs END), 0)::bigint
        FROM trials t
        CROSS JOIN LATERAL (SELECT count(*)::int AS epochs FROM epochs WHERE trial_id = t.id) e
        WHERE t.search_id = @search
        """;

    public async Task<MeasuredRates> RatesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RecentSql);
        command.Parameters.AddWithValue("recent", RecentTrials);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<MeasuredRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Read(reader.GetString(1)) is not var (config, cost))
            {
                continue;
            }

            var (epochs, epochSeconds) = (reader.GetInt32(2), reader.GetDouble(3));
            var end = reader.IsDBNull(4) ? (double?)null : Math.Max(0, reader.GetDouble(4) - epochSeconds);
            runs.Add(new MeasuredRun(
                reader.GetInt64(0), config.Dataset, config.Model, cost.SizeClass, epochs, epochSeconds, epochs * cost.EpochSeconds,
                end, end is null ? null : cost.EndSeconds));
        }

        return new MeasuredRates(runs);
    }

    /// <summary>The live slots and the active trials; with <paramref name="upToSearch"/>, the queue only up
    /// to that search's last queued trial.</summary>
    public async Task<QueueState> QueueStateAsync(long? upToSearch, CancellationToken cancellationToken)
    {
        int liveSlots;
        await using (var slots = dataSource.CreateCommand(LiveSlotsSql))
        {
            liveSlots = (int)(await slots.ExecuteScalarAsync(cancellationToken))!;
        }

        var (running, queued) = (new List<ActiveTrial>(), new List<ActiveTrial>());
        await using var command = dataSource.CreateCommand(ActiveSql);
        command.Parameters.Add(new NpgsqlParameter("upto", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = upToSearch is { } id ? id : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Read(reader.GetString(1)) is var (config, cost))
            {
                (reader.GetBoolean(2) ? running : queued).Add(new ActiveTrial(reader.GetInt64(0), config.Dataset, config.Model, cost, reader.GetInt32(3)));
            }
        }

        return new QueueState(liveSlots, running, queued);
    }

    /// <summary>A search's epochs done and planned, and the seconds until its last trial ends.</summary>
    public async Task<EpochProgress> SearchProgressAsync(long searchId, CancellationToken cancellationToken)
    {
        int done, planned;
        await using (var command = dataSource.CreateCommand(SearchEpochsSql))
        {
            command.Parameters.AddWithValue("search", searchId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (done, planned) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        }

        var rates = await RatesAsync(cancellationToken);
        var queue = await QueueStateAsync(searchId, cancellationToken);
        return new EpochProgress(done, planned, queue.SecondsUntilDone(searchId, t => rates.For(t, searchId).Seconds(t.Cost, t.EpochsLeft)));
    }

    /// <summary>A stored config and its reference cost; null for one that no longer reads or builds (written by
    /// another version): the estimates leave it out rather than fail.</summary>
    private static (TrialConfig Config, TrialCost Cost)? Read(string json)
    {
        try
        {
            var config = TrialConfigJson.Deserialize(json);
            return ReferenceCost.Of(config) is { } cost ? (config, cost) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidTrialConfigException or NotSupportedException)
        {
            return null;
        }
    }
}
