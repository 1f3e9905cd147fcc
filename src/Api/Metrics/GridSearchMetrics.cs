using System.Diagnostics.Metrics;
using GridSearch.Core.Metrics;

namespace GridSearch.Api.Metrics;

/// <summary>
/// The service's instruments (meter "GridSearch"). The gauges and counters report the last
/// <see cref="QueueStatistics"/> <see cref="MetricsPoller"/> read; the epoch histogram is fed by it too.
/// docs/operations.md, "Metrics", lists each with how it is derived.
/// </summary>
public sealed class GridSearchMetrics
{
    public const string MeterName = "GridSearch";

    public static readonly double[] EpochBuckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];

    private readonly Histogram<double> epochSeconds;
    private volatile QueueStatistics latest = QueueStatistics.Empty;

    public GridSearchMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("gridsearch.trials", ObserveTrials, "{trial}", "Trials by status.");
        meter.CreateObservableGauge("gridsearch.queue.depth", ObserveQueue, "{trial}", "Queued trials; state=available: those a worker could claim now (not backing off).");
        meter.CreateObservableCounter("gridsearch.trial.claims", () => latest.Claims, "{claim}", "Claims that counted an attempt (sum of attempts over all trials).");
        meter.CreateObservableCounter("gridsearch.trial.completions", () => latest.Succeeded, "{trial}", "Trials that succeeded.");
        meter.CreateObservableCounter("gridsearch.trial.failures", () => latest.Failed, "{trial}", "Trials that failed for good (out of attempts).");
        meter.CreateObservableCounter("gridsearch.trial.rescues", () => latest.Rescues, "{trial}", "Trials whose last error is a lease expiry (their worker died).");
        meter.CreateObservableGauge("gridsearch.workers.busy", () => latest.BusyWorkers, "{worker}", "Distinct workers holding a running trial.");
        meter.CreateObservableGauge("gridsearch.workers", ObserveWorkers, "{worker}", "Registered worker processes; state=alive, or lost (not seen for two leases).");
        epochSeconds = meter.CreateHistogram<double>("gridsearch.epoch.duration", "s", "Seconds per epoch, counted when its trial finishes.");
    }

    public void Update(QueueStatistics statistics) => latest = statistics;

    public void RecordEpochs(IEnumerable<double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        foreach (var value in seconds)
        {
            epochSeconds.Record(value);
        }
    }

    private IEnumerable<Measurement<long>> ObserveTrials()
    {
        var s = latest;
        yield return new(s.Queued, new KeyValuePair<string, object?>("status", "queued"));
        yield return new(s.Running, new KeyValuePair<string, object?>("status", "running"));
        yield return new(s.Succeeded, new KeyValuePair<string, object?>("status", "succeeded"));
        yield return new(s.Failed, new KeyValuePair<string, object?>("status", "failed"));
        yield return new(s.Cancelled, new KeyValuePair<string, object?>("status", "cancelled"));
    }

    private IEnumerable<Measurement<long>> ObserveQueue()
    {
        var s = latest;
        yield return new(s.Queued, new KeyValuePair<string, object?>("state", "queued"));
        yield return new(s.Available, new KeyValuePair<string, object?>("state", "available"));
    }

    private IEnumerable<Measurement<long>> ObserveWorkers()
    {
        var s = latest;
        yield return new(s.AliveWorkers, new KeyValuePair<string, object?>("state", "alive"));
        yield return new(s.LostWorkers, new KeyValuePair<string, object?>("state", "lost"));
    }
}
