using GridSearch.Contracts.Workers;
using GridSearch.Core.Workers;

namespace GridSearch.Api.Workers;

/// <summary>Builds the <see cref="WorkerResponse"/> contract from a registered worker's status.</summary>
public static class WorkerResponses
{
    public static WorkerResponse From(WorkerStatus worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var w = worker.Worker;
        return new WorkerResponse(
            w.Id,
            w.Host,
            w.ProcessId,
            w.Slots,
            w.Device,
            w.Version,
            w.StartedAt,
            w.LastSeenAt,
            worker.Lost ? "lost" : "alive",
            worker.Lost ? w.LastSeenAt : null,
            w.LeaseSeconds,
            w.TrialsDone,
            worker.TrialsPerHour,
            worker.Running.Select(s => new SlotTrialResponse(s.Slot, s.TrialId, s.SearchId)).ToList());
    }
}
