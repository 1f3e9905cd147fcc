namespace GridSearch.Contracts.Workers;

/// <summary>A worker as GET /api/workers lists it. Status is "alive", or "lost" once it has not been seen
/// for two of its leases; then <see cref="LostSince"/> is when it was last seen.</summary>
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
    IReadOnlyList<SlotTrialResponse> Running);
