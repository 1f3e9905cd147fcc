namespace GridSearch.Core.Trials;

public static class StopReason
{
    public const string Completed = "completed";
    public const string EarlyStopped = "early_stopped";
    public const string Diverged = "diverged";
    public const string Cancelled = "cancelled";

    /// <summary>The endings a config alone decides: a result that ended so is what the config trains to,
    /// and may be reused for it (one stopped by a cancel, a limit or a pruner is not).</summary>
    public static readonly IReadOnlyList<string> Reusable = [Completed, EarlyStopped, Diverged];
}
