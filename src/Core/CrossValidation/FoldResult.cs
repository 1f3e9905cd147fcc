using GridSearch.Domain.Trials;

namespace GridSearch.Core.CrossValidation;

/// <summary>One fold trial of an evaluation: its validation accuracy once it succeeded (null before, and for
/// a pruned one, whose accuracy is of fewer epochs).</summary>
public sealed record FoldResult(int Fold, long TrialId, TrialStatus Status, double? ValAccuracy);
