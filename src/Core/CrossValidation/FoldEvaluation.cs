using GridSearch.Domain.Analysis;

namespace GridSearch.Core.CrossValidation;

/// <summary>
/// The k-fold cross-validation of one configuration: the source trial (a grid trial of the search), its
/// metrics, and its fold trials so far. The cross-validated accuracy is the mean of the finished folds'
/// validation accuracies, with their (population) standard deviation.
/// </summary>
public sealed record FoldEvaluation(
    long SourceTrialId,
    long SearchId,
    int Folds,
    IReadOnlyList<FoldResult> FoldResults,
    double? TestAccuracy,
    double? TestLoss,
    double? ValAccuracy,
    double? ValLoss,
    string ConfigJson,
    string GridPointJson)
{
    /// <summary>The finished folds' validation accuracies, in fold order.</summary>
    public IReadOnlyList<double> Accuracies => [.. FoldResults.Where(f => f.ValAccuracy is not null).OrderBy(f => f.Fold).Select(f => f.ValAccuracy!.Value)];

    public int FoldsDone => Accuracies.Count;

    /// <summary>Null until a fold has finished.</summary>
    public double? Mean => FoldsDone == 0 ? null : Statistics.Mean(Accuracies);

    public double? StandardDeviation => FoldsDone == 0 ? null : Statistics.StandardDeviation(Accuracies);
}
