using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Plans;

/// <summary>
/// The best value seen of a monitored metric, as Keras's callbacks judge it: a loss improves when it
/// falls below best − minDelta, an accuracy when it rises above best + minDelta. NaN never improves.
/// </summary>
public sealed class MetricTracker(MonitoredMetric monitor, double minDelta)
{
    public double? Best { get; private set; }

    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Records one epoch's value; true when it improved on the best.</summary>
    public bool Observe(double value)
    {
        var improved = Best is not { } best || (monitor == MonitoredMetric.ValLoss
            ? value < best - minDelta
            : value > best + minDelta);
        improved &= !double.IsNaN(value);
        if (improved)
        {
            Best = value;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }

        return improved;
    }

    public MetricTrackerState State => new(Best, EpochsWithoutImprovement);

    /// <summary>Puts back a state saved by <see cref="State"/> (a resumed trial).</summary>
    public void Restore(MetricTrackerState state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state.EpochsWithoutImprovement);
        Best = state.Best;
        EpochsWithoutImprovement = state.EpochsWithoutImprovement;
    }

    /// <summary>Starts the count of epochs without improvement over, keeping the best (after a plateau cut).</summary>
    public void ResetWait() => EpochsWithoutImprovement = 0;
}
