namespace GridSearch.Core.Analysis;

/// <summary>The metric over the configurations that had one value of an axis; <see cref="ValueJson"/> is the
/// value as written. <see cref="Trials"/>: the finished (succeeded, not pruned) trials with the value, over
/// <see cref="Configurations"/> configurations; <see cref="Mean"/> and <see cref="StandardDeviation"/> (population
/// form) are of those configurations' means, so a configuration counts once however often it repeated;
/// <see cref="Best"/> is the best single trial's value, <see cref="BestTrialId"/> that trial. <see cref="GridTrials"/>:
/// the grid's trials with the value in any state (cross-validation folds aside). <see cref="HighestMean"/>: the
/// axis's best mean (highest for an accuracy, lowest for a loss), marked only when the axis has two values or more.
/// A value whose trials have no result yet has no mean, spread or best (null).</summary>
public sealed record AxisValueSummary(
    string ValueJson, int Trials, double? Mean, double? StandardDeviation, double? Best, long? BestTrialId, int Configurations, int GridTrials, bool HighestMean);
