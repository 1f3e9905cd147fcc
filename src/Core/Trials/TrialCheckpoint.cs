namespace GridSearch.Core.Trials;

/// <summary>
/// A running or interrupted trial's training state at the end of an epoch, as the training engine
/// serialised it (opaque here). One per trial, replaced by the next one in the statement that records its
/// epoch (the worker decides which epochs carry one), and dropped when the trial ends; a trial claimed
/// again resumes from it (see <see cref="Queue.TrialQueue"/>).
/// </summary>
public sealed class TrialCheckpoint
{
    public long TrialId { get; set; }

    /// <summary>The epoch the state is at the end of; the trial's epochs up to it are recorded.</summary>
    public int Epoch { get; set; }

    public required byte[] State { get; set; }

    public DateTime SavedAt { get; set; }
}
