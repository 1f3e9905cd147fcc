namespace GridSearch.Core.Workers;

/// <summary>A registered worker as the Workers page shows it. Lost: not seen for two leases (by the
/// database's clock), so its trials are being, or have been, rescued; it has been gone since it was last seen.</summary>
public sealed record WorkerStatus(
    Guid Id,
    string Host,
    int ProcessId,
    int Slots,
    string Device,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    int LeaseSeconds,
    bool Lost,
    long TrialsDone,
    IReadOnlyList<SlotTrial> Running)
{
    /// <summary>Trials recorded per hour between its start and when it was last seen; 0 before it has run a while.</summary>
    public double TrialsPerHour
    {
        get
        {
            var hours = (LastSeenAt - StartedAt).TotalHours;
            return hours > 0 ? TrialsDone / hours : 0;
        }
    }
}
