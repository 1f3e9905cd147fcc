namespace GridSearch.Core.Trials;

public static class StopReason
{
    public const string Completed = "completed";
    public const string EarlyStopped = "early_stopped";
    public const string Diverged = "diverged";
    public const string Cancelled = "cancelled";
}
