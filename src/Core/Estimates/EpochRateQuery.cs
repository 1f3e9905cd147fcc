using GridSearch.Domain.Architectures;
using GridSearch.Domain.Vocabulary;
using Npgsql;

namespace GridSearch.Core.Estimates;

/// <summary>
/// What this installation has measured, for estimates: the epoch rate of a dataset and model (over its
/// most recent trained trials: cached ones were not trained here), how many workers are about, and a
/// search's progress in epochs.
/// </summary>
public sealed class EpochRateQuery(NpgsqlDataSource dataSource)
{
    /// <summary>The most recent finished trials a rate is measured over.</summary>
    public const int RecentTrials = 200;

    /// <summary>A worker slot counts as present when it claimed or finished a trial this recently.</summary>
    public static readonly TimeSpan WorkerWindow = TimeSpan.FromMinutes(10);

    // Fold trials aside: they train on (k-1)/k of their trainSize, not on what trainSize and valSplit say.
    private const string MeasuredSql = """
        SELECT t.parameter_count, (t.config->>'trainSize')::int, (t.config->>'valSplit')::float8, e.epochs, e.seconds
        FROM trials t
        CROSS JOIN LATERAL (SELECT count(*)::int AS epochs, coalesce(sum(seconds), 0) AS seconds FROM epochs WHERE trial_id = t.id) e
        WHERE t.status = 'succeeded' AND t.cached_from IS NULL AND t.fold_of IS NULL AND t.parameter_count > 0 AND e.epochs > 0
          AND t.config->>'dataset' = @dataset AND t.config->>'model' = @model
        ORDER BY t.finished_at DESC
        LIMIT @recent
        """;

    // A queued or running trial plans its config's epochs (or more, for a retry whose earlier epochs are
    // still there until it is claimed); a finished one the epochs it ran.
    private const string SearchEpochsSql = """
        SELECT coalesce(sum(e.epochs), 0)::bigint,
               coalesce(sum(CASE WHEN t.status IN ('queued', 'running') THEN greatest((t.config->>'epochs')::int, e.epochs) ELSE e.epochs END), 0)::bigint,
               coalesce(sum(e.seconds) FILTER (WHERE t.cached_from IS NULL), 0)::float8,
               coalesce(sum(e.epochs) FILTER (WHERE t.cached_from IS NULL), 0)::bigint,
               count(DISTINCT t.worker) FILTER (WHERE t.status = 'running')
        FROM trials t
        CROSS JOIN LATERAL (SELECT count(*)::int AS epochs, coalesce(sum(seconds), 0) AS seconds FROM epochs WHERE trial_id = t.id) e
        WHERE t.search_id = @search
        """;

    // Slots are the queue's lease owners (worker = machine/process/device): those holding a lease now, or
    // that started or finished a trial within the window.
    private const string WorkersSql = """
        SELECT count(DISTINCT worker) FROM trials
        WHERE worker IS NOT NULL
          AND (status = 'running' OR started_at > now() - @window OR finished_at > now() - @window)
        """;

    /// <summary>A search's epochs done and planned, the mean seconds of those it trained and the slots running it.</summary>
    public async Task<EpochProgress> SearchProgressAsync(long searchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SearchEpochsSql);
        command.Parameters.AddWithValue("search", searchId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var trained = reader.GetInt64(3);
        return new EpochProgress(
            (int)reader.GetInt64(0),
            (int)reader.GetInt64(1),
            trained > 0 ? reader.GetDouble(2) / trained : null,
            (int)reader.GetInt64(4));
    }

    public async Task<EpochRate> RateAsync(Dataset dataset, ModelFamily model, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(MeasuredSql);
        command.Parameters.AddWithValue("dataset", EnumNames.Of(dataset));
        command.Parameters.AddWithValue("model", EnumNames.Of(model));
        command.Parameters.AddWithValue("recent", RecentTrials);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var (trials, seconds, work) = (0, 0.0, 0.0);
        while (await reader.ReadAsync(cancellationToken))
        {
            var samples = DatasetImages.SamplesPerEpoch(reader.GetInt32(1), reader.GetDouble(2));
            trials++;
            seconds += reader.GetDouble(4);
            work += (double)reader.GetInt64(0) * samples * reader.GetInt32(3);
        }

        return trials == 0 || work <= 0
            ? EpochRate.DefaultFor(model)
            : new EpochRate(seconds / work, EpochRate.Measured, trials, $"measured over the {trials} most recent finished {EnumNames.Of(dataset)} {EnumNames.Of(model)} trials of this installation.");
    }

    /// <summary>Distinct worker slots seen in the last <see cref="WorkerWindow"/>; at least 1.</summary>
    public async Task<int> RecentWorkersAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(WorkersSql);
        command.Parameters.AddWithValue("window", WorkerWindow);
        return Math.Max(1, (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }
}
