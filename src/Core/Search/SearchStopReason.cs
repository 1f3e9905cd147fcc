namespace GridSearch.Core.Search;

/// <summary>Why a search stopped before running all its trials (<c>searches.stop_reason</c>): the limit
/// of its definition that was hit. Its queued trials end cancelled with the trial stop reason
/// <see cref="Trials.StopReason.Limit"/>.</summary>
public static class SearchStopReason
{
    public const string TimeLimit = "time_limit";
    public const string TargetReached = "target_reached";
    public const string MaxTrials = "max_trials";
}
