namespace GridSearch.Core.Queue;

/// <summary>What <see cref="TrialQueue.CompleteAndClaimNextAsync"/> did: whether the finished trial's result was
/// recorded (false: its lease no longer held), and the next trial leased to the worker, if any was available.</summary>
public sealed record CompletedAndNext(bool Recorded, TrialLease? Next);
