using GridSearch.Core.Trials;

namespace GridSearch.Core.Queue;

/// <summary>A trial that ran to its result under <paramref name="Lease"/>, to be recorded with others in one statement
/// (<see cref="TrialQueue.CompleteAndClaimAsync"/>).</summary>
public sealed record TrialCompletion(TrialLease Lease, TrialResult Result);
