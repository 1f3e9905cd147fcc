namespace GridSearch.Core.Workers;

/// <summary>
/// A worker process as it registered itself (one row per start) and keeps heartbeating: where it runs,
/// how many slots it trains with, on what device, and the trial in each slot. Written only through
/// <see cref="WorkerRegistry"/>, which also reads it back; this type gives the table its schema.
/// </summary>
public sealed class RegisteredWorker
{
    public Guid Id { get; init; }
    public required string Host { get; init; }
    public int ProcessId { get; init; }
    public int Slots { get; init; }
    public required string Device { get; init; }
    public required string Version { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }

    /// <summary>Its lease: a worker not seen for two of them is lost.</summary>
    public int LeaseSeconds { get; init; }

    /// <summary>The trial each slot runs, by slot number; null for an idle slot.</summary>
    public long?[] Running { get; init; } = [];

    /// <summary>Trials whose outcome its slots recorded.</summary>
    public long TrialsDone { get; init; }
}
