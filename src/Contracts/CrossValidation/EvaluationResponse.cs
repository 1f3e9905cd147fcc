using System.Text.Json;

namespace GridSearch.Contracts.CrossValidation;

/// <summary>The k-fold cross-validation of one configuration: its source trial (a grid trial) and that
/// trial's test accuracy, its folds, and the mean and standard deviation of the finished folds' validation
/// accuracies (null until one has finished).</summary>
public sealed record EvaluationResponse(
    long SourceTrialId,
    int Folds,
    int FoldsDone,
    IReadOnlyList<double> FoldAccuracies,
    double? CvAccuracy,
    double? CvStandardDeviation,
    double? TestAccuracy,
    JsonElement GridPoint,
    IReadOnlyList<FoldResponse> FoldTrials);
