using GridSearch.Core.Workers;

namespace GridSearch.Api.Workers;

/// <summary>A worker as the Workers page shows it. Status is "alive", or "lost" once it has not been seen for
/// two of its leases; then <see cref="LostSince"/> is when it was last seen.</summary>
public sealed record WorkerResponse(
    Guid Id,
    string Host,
    int ProcessId,
    int Slots,
    string Device,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    string Status,
    DateTimeOffset? LostSince,
    int LeaseSeconds,
    long TrialsDone,
    double TrialsPerHour,
    IReadOnlyList<SlotTrial> Running)
{
    public static WorkerResponse From(WorkerStatus worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return new WorkerResponse(
            worker.Id,
            worker.Host,
            worker.ProcessId,
            worker.Slots,
            worker.Device,
            worker.Version,
            worker.StartedAt,
            worker.LastSeenAt,
            worker.Lost ? "lost" : "alive",
            worker.Lost ? worker.LastSeenAt : null,
            worker.LeaseSeconds,
            worker.TrialsDone,
            worker.TrialsPerHour,
            worker.Running);
    }
}
