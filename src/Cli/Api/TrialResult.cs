namespace GridSearch.Cli.Api;

internal sealed record TrialResult(
    double TestAccuracy,
    double TestLoss,
    double? ValAccuracy,
    double? ValLoss,
    int? BestEpoch,
    string? StopReason,
    long? ParameterCount,
    IReadOnlyList<IReadOnlyList<int>>? ConfusionMatrix);
