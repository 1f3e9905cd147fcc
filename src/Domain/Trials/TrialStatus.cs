namespace GridSearch.Domain.Trials;

public enum TrialStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
