namespace GridSearch.Core.Queue;

/// <summary>What <see cref="TrialQueue.CheckLimitsAtClaimAsync"/> found: whether a limit cancelled the claimed
/// trial before it started, and when the search's time limit runs out (null without one).</summary>
public sealed record ClaimCheck(bool Cancelled, DateTimeOffset? Deadline);
