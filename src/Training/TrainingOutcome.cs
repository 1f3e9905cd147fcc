using GridSearch.Domain.Models;
using GridSearch.Domain.Trials;

namespace GridSearch.Training;

/// <summary>What <see cref="TrialTrainer.Train"/> returns: the final metrics and how training ended
/// (<see cref="TrialResult.StopReason"/>), every epoch, the wall time of the whole trial, and the weights
/// the test metrics were measured on.</summary>
public sealed record TrainingOutcome(TrialResult Result, IReadOnlyList<Epoch> History, TimeSpan Duration, ModelState State)
{
    /// <summary>Reading the dataset: once per process and dataset (the data source keeps it), near zero after.</summary>
    public TimeSpan DataLoad { get; init; }

    /// <summary>Before the first epoch, after the data load: the split, the training and validation sets, the
    /// network and optimizer.</summary>
    public TimeSpan Setup { get; init; }

    /// <summary>The test pass over the dataset's test images (with the confusion matrix).</summary>
    public TimeSpan Test { get; init; }
}
