using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Plans;

/// <summary>
/// Stops training after <c>patience</c> epochs without improvement of the monitored metric and names
/// the best epoch, whose weights the trainer restores. A patience of 0 turns it off.
/// </summary>
public sealed class EarlyStopping(MonitoredMetric monitor, int patience, double minDelta)
{
    private readonly MetricTracker tracker = new(monitor, minDelta);

    public bool Enabled => patience > 0;

    /// <summary>The 1-based epoch with the best monitored value so far; 0 before any.</summary>
    public int BestEpoch { get; private set; }

    public bool ShouldStop => Enabled && tracker.EpochsWithoutImprovement >= patience;

    /// <summary>The monitored metric's best so far and the epochs since; with <see cref="BestEpoch"/>, all
    /// that a resumed trial needs back (<see cref="Restore"/>).</summary>
    public MetricTrackerState Tracker => tracker.State;

    public void Restore(int bestEpoch, MetricTrackerState tracker)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bestEpoch);
        this.tracker.Restore(tracker);
        BestEpoch = bestEpoch;
    }

    /// <summary>Records epoch <paramref name="epoch"/>'s value; true when it is the new best.</summary>
    public bool Observe(int epoch, double value)
    {
        if (!tracker.Observe(value))
        {
            return false;
        }

        BestEpoch = epoch;
        return true;
    }
}
