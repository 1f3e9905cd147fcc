using GridSearch.Core.Workers;
using Npgsql;

namespace GridSearch.Core.Metrics;

/// <summary>
/// Reads the queue's figures from the trials table, since claims, completions and failures happen in the
/// workers, not in the API. Derived, not counted: claims are the sum of attempts (a released attempt is
/// given back, so this can fall), rescues are trials whose last error is a lease expiry (a later error
/// overwrites it), busy workers are the distinct workers holding a running trial; alive and lost ones come from the
/// workers table, as <see cref="WorkerRegistry"/> tells them apart. Epoch durations are read once per trial, when it has finished.
/// </summary>
public sealed class QueueStatisticsQuery(NpgsqlDataSource dataSource)
{
    private const string StatisticsSql = $"""
        SELECT
            count(*) FILTER (WHERE status = 'queued'),
            count(*) FILTER (WHERE status = 'queued' AND available_at <= now() AND NOT cancel_requested),
            count(*) FILTER (WHERE status = 'running'),
            count(*) FILTER (WHERE status = 'succeeded'),
            count(*) FILTER (WHERE status = 'failed'),
            count(*) FILTER (WHERE status = 'cancelled'),
            coalesce(sum(attempts), 0),
            count(*) FILTER (WHERE error LIKE 'lease expired:%'),
            count(DISTINCT worker) FILTER (WHERE status = 'running'),
            now(),
            (SELECT count(*) FILTER (WHERE NOT ({WorkerRegistry.LostSql})) FROM workers),
            (SELECT count(*) FILTER (WHERE {WorkerRegistry.LostSql}) FROM workers)
        FROM trials
        """;

    // Finished trials are final, so each trial's epochs are read once: those that finished in (since, until].
    // A cached trial's epochs are its source's, trained (and counted) once already.
    private const string EpochSecondsSql = """
        SELECT e.seconds FROM epochs e JOIN trials t ON t.id = e.trial_id
        WHERE t.finished_at > @since AND t.finished_at <= @until AND t.cached_from IS NULL
        """;

    /// <summary>The figures, and the database's clock when they were read.</summary>
    public async Task<(QueueStatistics Statistics, DateTimeOffset Now)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StatisticsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var statistics = new QueueStatistics(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(10), reader.GetInt64(11));
        return (statistics, reader.GetFieldValue<DateTimeOffset>(9));
    }

    /// <summary>The epoch durations (seconds) of the trials that finished after <paramref name="since"/> and
    /// at or before <paramref name="until"/>, both in the database's clock.</summary>
    public async Task<List<double>> EpochSecondsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(EpochSecondsSql);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("until", until);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var seconds = new List<double>();
        while (await reader.ReadAsync(cancellationToken))
        {
            seconds.Add(reader.GetDouble(0));
        }

        return seconds;
    }
}
