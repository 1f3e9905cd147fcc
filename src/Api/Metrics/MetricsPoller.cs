using GridSearch.Core.Metrics;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Metrics;

/// <summary>Reads the queue's figures every <see cref="MetricsOptions.RefreshSeconds"/> into
/// <see cref="GridSearchMetrics"/>, and records the epochs of the trials that finished since the last read.
/// Reads happen whether or not anyone scrapes, so a scrape never waits on the database.</summary>
public sealed partial class MetricsPoller(
    QueueStatisticsQuery query, GridSearchMetrics metrics, IOptions<MetricsOptions> options, TimeProvider time, ILogger<MetricsPoller> logger)
    : BackgroundService
{
    // A trial's finished_at is its statement's start: one that commits a moment later could carry a time
    // before the last read. Epochs are read up to this long ago, so such a trial is not skipped.
    private static readonly TimeSpan CommitLag = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.RefreshSeconds));
        // The histogram starts at this process's start (earlier epochs are history). The API's clock
        // stands in for the database's here only, once; a skew of seconds moves where it starts.
        var since = time.GetUtcNow() - CommitLag;
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var (statistics, now) = await query.ReadAsync(stoppingToken);
                metrics.Update(statistics);
                var until = now - CommitLag;
                if (until > since)
                {
                    metrics.RecordEpochs(await query.EpochSecondsAsync(since, until, stoppingToken));
                    since = until;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogReadFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the queue's metrics from the database")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
