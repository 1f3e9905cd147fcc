namespace GridSearch.Core.Queue;

public enum HeartbeatOutcome
{
    /// <summary>The lease was extended; keep training.</summary>
    Renewed,

    /// <summary>The lease was extended, but the search was cancelled: stop at the next epoch boundary
    /// and confirm with <see cref="TrialQueue.ConfirmCancelledAsync"/>.</summary>
    CancelRequested,

    /// <summary>The lease was extended, but a limit of the search stopped it (time limit, target reached):
    /// stop at the next epoch boundary and complete with the weights so far, stop reason <c>limit</c>.</summary>
    StopRequested,

    /// <summary>The trial is no longer this worker's (its lease expired and it was rescued, or it was
    /// finished by someone else): stop and drop the work, nothing more will be accepted for this lease.</summary>
    LeaseLost,
}
