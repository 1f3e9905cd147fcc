namespace GridSearch.Core.Workers;

/// <summary>A registered worker as the Workers page shows it. Lost: not seen for two leases (by the
/// database's clock), so its trials are being, or have been, rescued; it has been gone since it was last
/// seen. <see cref="Running"/>: its busy slots, each with its trial's search.</summary>
public sealed record WorkerStatus(RegisteredWorker Worker, bool Lost, IReadOnlyList<SlotTrial> Running)
{
    /// <summary>Trials recorded per hour between its start and when it was last seen; 0 before it has run a while.</summary>
    public double TrialsPerHour
    {
        get
        {
            var hours = (Worker.LastSeenAt - Worker.StartedAt).TotalHours;
            return hours > 0 ? Worker.TrialsDone / hours : 0;
        }
    }
}
