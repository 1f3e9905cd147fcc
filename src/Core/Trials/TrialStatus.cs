namespace GridSearch.Core.Trials;

public enum TrialStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
