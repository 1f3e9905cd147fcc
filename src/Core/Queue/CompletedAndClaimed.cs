namespace GridSearch.Core.Queue;

/// <summary>What <see cref="TrialQueue.CompleteAndClaimAsync"/> did in its one statement.</summary>
/// <param name="Recorded">One per completion, in the order given: true when its lease still held and the result
/// was recorded, false when the fence refused it.</param>
/// <param name="Claimed">The trials leased to the worker, each under a token of its own, oldest first.</param>
public sealed record CompletedAndClaimed(IReadOnlyList<bool> Recorded, IReadOnlyList<TrialLease> Claimed);
