using GridSearch.Contracts.Workers;
using GridSearch.Core.Workers;

namespace GridSearch.Api.Workers;

/// <summary>Builds the <see cref="WorkerResponse"/> contract from a registered worker's status.</summary>
public static class WorkerResponses
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
            worker.Running.Select(s => new SlotTrialResponse(s.Slot, s.TrialId, s.SearchId)).ToList());
    }
}
