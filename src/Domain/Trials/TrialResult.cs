namespace GridSearch.Domain.Trials;

/// <summary>What a finished training run reports: the final test metrics and how it ended.</summary>
public sealed record TrialResult(
    double TestAccuracy,
    double TestLoss,
    double? ValAccuracy,
    double? ValLoss,
    int BestEpoch,
    string StopReason,
    long ParameterCount,
    int[][] ConfusionMatrix);
