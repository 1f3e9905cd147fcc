using GridSearch.Core.Architectures;
using GridSearch.Core.Vocabulary;
using Npgsql;

namespace GridSearch.Core.Estimates;

/// <summary>
/// What this installation has measured, for estimates: the epoch rate of a dataset and model (over its
/// most recent trained trials: cached ones were not trained here), and how many workers are about.
/// </summary>
public sealed class EpochRateQuery(NpgsqlDataSource dataSource)
{
    /// <summary>The most recent finished trials a rate is measured over.</summary>
    public const int RecentTrials = 200;

    /// <summary>A worker slot counts as present when it claimed or finished a trial this recently.</summary>
    public static readonly TimeSpan WorkerWindow = TimeSpan.FromMinutes(10);

    private const string MeasuredSql = """
        SELECT t.parameter_count, (t.config->>'trainSize')::int, (t.config->>'valSplit')::float8, e.epochs, e.seconds
        FROM trials t
        CROSS JOIN LATERAL (SELECT count(*)::int AS epochs, coalesce(sum(seconds), 0) AS seconds FROM epochs WHERE trial_id = t.id) e
        WHERE t.status = 'succeeded' AND t.cached_from IS NULL AND t.parameter_count > 0 AND e.epochs > 0
          AND t.config->>'dataset' = @dataset AND t.config->>'model' = @model
        ORDER BY t.finished_at DESC
        LIMIT @recent
        """;

    // Slots are the queue's lease owners (worker = machine/process/device): those holding a lease now, or
    // that started or finished a trial within the window.
    private const string WorkersSql = """
        SELECT count(DISTINCT worker) FROM trials
        WHERE worker IS NOT NULL
          AND (status = 'running' OR started_at > now() - @window OR finished_at > now() - @window)
        """;

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
