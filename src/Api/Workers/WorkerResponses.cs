using GridSearch.Core.Workers;

namespace GridSearch.Api.Workers;

/// <summary>Builds the <see cref="WorkerResponse"/> contract from a registered worker's status.</summary>
public static class WorkerResponses
{
    public static WorkerResponse From(WorkerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var (worker, lost) = (status.Worker, status.Lost);
        return new WorkerResponse(
            worker.Id, worker.Host, worker.ProcessId, worker.Slots, worker.Device, worker.Version, worker.StartedAt, worker.LastSeenAt,
            lost ? "lost" : "alive",
            lost ? worker.LastSeenAt : null,
            worker.LeaseSeconds,
            worker.TrialsDone,
            status.TrialsPerHour,
            [.. status.Running.Select(s => new SlotTrialResponse(s.Slot, s.TrialId, s.SearchId))]);
    }
}
