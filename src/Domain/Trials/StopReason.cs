namespace GridSearch.Domain.Trials;

/// <summary>Why a trial's training ended (<c>trials.stop_reason</c>).</summary>
public static class StopReason
{
    public const string Completed = "completed";
    public const string EarlyStopped = "early_stopped";
    public const string Diverged = "diverged";
    public const string Cancelled = "cancelled";

    /// <summary>The search's pruner stopped it; it succeeded, tested on the weights it had, and leaderboards
    /// leave it out unless asked.</summary>
    public const string Pruned = "pruned";

    /// <summary>A limit of its search stopped it: queued, it was cancelled; running, it stopped at its next
    /// epoch boundary and succeeded with the weights it had.</summary>
    public const string Limit = "limit";

    /// <summary>Its own epoch reached the search's target, which stopped the search.</summary>
    public const string TargetReached = "target_reached";

    /// <summary>The endings a config alone decides: a result that ended so is what the config trains to,
    /// and may be reused for it (one stopped by a cancel, a limit or a pruner is not).</summary>
    public static readonly IReadOnlyList<string> Reusable = [Completed, EarlyStopped, Diverged];
}
