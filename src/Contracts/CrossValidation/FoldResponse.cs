namespace GridSearch.Contracts.CrossValidation;

/// <summary>One fold trial: its validation accuracy once it succeeded (null before).</summary>
public sealed record FoldResponse(int Fold, long TrialId, string Status, double? ValAccuracy);
