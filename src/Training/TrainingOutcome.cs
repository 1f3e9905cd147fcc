using GridSearch.Core.Trials;

namespace GridSearch.Training;

/// <summary>What <see cref="TrialTrainer.Train"/> returns: the final metrics and how training ended
/// (<see cref="TrialResult.StopReason"/>), every epoch, and the wall time of the whole trial.</summary>
public sealed record TrainingOutcome(TrialResult Result, IReadOnlyList<Epoch> History, TimeSpan Duration);
