namespace GridSearch.Core.Workers;

/// <summary>
/// A worker process as it registered itself (one row per start) and keeps heartbeating: where it runs,
/// how many slots it trains with, on what device, and the trial in each slot. Written only through
/// <see cref="WorkerRegistry"/>; this type gives the table its schema.
/// </summary>
public sealed class RegisteredWorker
{
    private RegisteredWorker() { }

    public Guid Id { get; private set; }
    public string Host { get; private set; } = "";
    public int ProcessId { get; private set; }
    public int Slots { get; private set; }
    public string Device { get; private set; } = "";
    public string Version { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>Its lease: a worker not seen for two of them is lost.</summary>
    public int LeaseSeconds { get; private set; }

    /// <summary>The trial each slot runs, by slot number; null for an idle slot.</summary>
    public long?[] Running { get; private set; } = [];

    /// <summary>Trials whose outcome its slots recorded.</summary>
    public long TrialsDone { get; private set; }
}
