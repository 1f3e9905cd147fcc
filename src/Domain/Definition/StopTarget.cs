using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Definition;

/// <summary>A search's performance target: once a trial's epoch reaches <paramref name="Value"/> of
/// <paramref name="Metric"/> (at least it for an accuracy, at most it for a loss), the search has its answer.</summary>
public sealed record StopTarget(EpochMetric Metric, double Value)
{
    public bool ReachedBy(Epoch epoch) =>
        EpochMetrics.Of(Metric, epoch) is { } value && !EpochMetrics.Worse(Metric, value, Value);
}
