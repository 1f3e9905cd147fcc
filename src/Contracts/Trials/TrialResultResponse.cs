namespace GridSearch.Contracts.Trials;

public sealed record TrialResultResponse(
    double TestAccuracy, double TestLoss, double? ValAccuracy, double? ValLoss, int? BestEpoch, string? StopReason, long? ParameterCount,
    int[][]? ConfusionMatrix);
