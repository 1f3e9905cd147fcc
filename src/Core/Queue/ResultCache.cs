using GridSearch.Domain.Trials;
using Npgsql;

namespace GridSearch.Core.Queue;

/// <summary>
/// The result cache: a trial whose config hash (dataset, config and seed) already has a reusable result
/// trained by this <see cref="EngineVersion"/>, in any search, is recorded succeeded at submission rather than
/// queued. Its row enters succeeded and never changes (the (none) → succeeded row of the table in
/// <see cref="TrialQueue"/>); it is never claimed, so it has no started_at, no worker and 0 attempts. It carries
/// its source's machine (<see cref="Domain.Machines.TrialMachine"/>): where its result was trained.
/// <para>
/// The cache answers across kinds of machine: the machine is shown, not part of the key. Two runs of one
/// config on two machines of the same kind already differ by about 0.1 pp, the size of the seed-to-seed
/// noise of one configuration, so keying on the machine would not make a result reproducible, only train
/// it again. A search that wants its own machine's figures sets <c>reuse: false</c>; repeats measure the noise.
/// </para>
/// </summary>
public sealed class ResultCache(NpgsqlDataSource dataSource, QueueOptions options)
{
    // Each new trial whose config hash (dataset, config and seed) has a result trained
    // by this engine version, ended the way the config alone decides (not cancelled, limited or pruned),
    // is recorded succeeded at once with the earliest such result and its epochs; the source is always a
    // trained trial (cached_from IS NULL), so a chain of copies never forms. Finished rows never change
    // again, so reading them unlocked is safe. One statement; ix_trials_cache serves the lookup.
    private const string CacheSourceStep = """
        source AS (
            SELECT DISTINCT ON (n.ordinal) n.ordinal AS new_ordinal, n.grid_point AS new_grid_point, n.repeat AS new_repeat, n.chosen_by AS new_chosen_by,
                   s.id, s.config, s.config_hash, s.test_accuracy, s.test_loss, s.val_accuracy, s.val_loss, s.best_epoch, s.stop_reason,
                   s.parameter_count, s.confusion_matrix, s.engine_version, s.machine
            FROM unnest(@ordinals, @hashes, @grid_points, @repeats, @chosen_by) AS n(ordinal, config_hash, grid_point, repeat, chosen_by)
            JOIN trials s ON s.config_hash = n.config_hash AND s.engine_version = @engine
                AND s.status = 'succeeded' AND s.cached_from IS NULL AND s.stop_reason = ANY(@reusable)
            ORDER BY n.ordinal, s.id
        )
        """;

    // The copy never started (started_at NULL): a search's limits count the trials claimed, not the cache's answers.
    private const string RecordCachedSql = $"""
        WITH {CacheSourceStep}, copied AS (
            INSERT INTO trials (search_id, ordinal, status, config, config_hash, grid_point, attempts, max_attempts,
                                available_at, cancel_requested, started_at, finished_at, test_accuracy, test_loss,
                                val_accuracy, val_loss, best_epoch, stop_reason, parameter_count, confusion_matrix,
                                engine_version, machine, cached_from, repeat, chosen_by)
            SELECT @search, new_ordinal, 'succeeded', config, config_hash, new_grid_point::jsonb, 0, @max_attempts,
                   now(), false, NULL, now(), test_accuracy, test_loss,
                   val_accuracy, val_loss, best_epoch, stop_reason, parameter_count, confusion_matrix,
                   engine_version, machine, id, new_repeat, new_chosen_by
            FROM source
            RETURNING id, search_id, ordinal, cached_from
        ), epochs_copied AS (
            INSERT INTO epochs (trial_id, search_id, number, train_loss, train_accuracy, val_loss, val_accuracy, learning_rate, seconds)
            SELECT c.id, c.search_id, e.number, e.train_loss, e.train_accuracy, e.val_loss, e.val_accuracy, e.learning_rate, e.seconds
            FROM copied c JOIN epochs e ON e.trial_id = c.cached_from
        )
        SELECT ordinal FROM copied
        """;

    /// <summary>
    /// The result cache, in the caller's transaction (the one that inserts the search, before
    /// <see cref="TrialQueue.EnqueueAsync"/> queues the rest): each of <paramref name="trials"/> whose config hash has a
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

    private const string FindCachedSql = $"""
        WITH {CacheSourceStep}
        SELECT new_ordinal, id FROM source
        """;

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
        command.Parameters.AddWithValue("repeats", trials.Select(t => t.Repeat).ToArray());
        command.Parameters.Add(new NpgsqlParameter("chosen_by", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = trials.Select(t => t.ChosenBy).ToArray() });
        command.Parameters.AddWithValue("engine", EngineVersion.Current);
        command.Parameters.AddWithValue("reusable", StopReason.Reusable.ToArray());
        return command;
    }
}
