namespace GridSearch.Core.Metrics;

/// <summary>The queue as the database shows it at one moment; see <see cref="QueueStatisticsQuery"/> for
/// how each figure is derived.</summary>
public sealed record QueueStatistics(
    long Queued,
    long Available,
    long Running,
    long Succeeded,
    long Failed,
    long Cancelled,
    long Claims,
    long Rescues,
    long BusyWorkers,
    long AliveWorkers,
    long LostWorkers)
{
    public static readonly QueueStatistics Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
