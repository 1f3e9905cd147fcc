namespace GridSearch.Core.Queue;

public enum HeartbeatOutcome
{
    /// <summary>The lease was extended; keep training.</summary>
    Renewed,

    /// <summary>The lease was extended, but the search was cancelled: stop at the next epoch boundary
    /// and confirm with <see cref="TrialQueue.ConfirmCancelledAsync"/>.</summary>
    CancelRequested,

    /// <summary>The trial is no longer this worker's (its lease expired and it was rescued, or it was
    /// finished by someone else): stop and drop the work, nothing more will be accepted for this lease.</summary>
    LeaseLost,
}
