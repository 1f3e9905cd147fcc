using System.Text.Json;
using GridSearch.Core.Trials;

namespace GridSearch.Api.Trials;

public sealed record TrialResultResponse(double TestAccuracy, double TestLoss, double? ValAccuracy, double? ValLoss, int? BestEpoch, string? StopReason, long? ParameterCount, int[][]? ConfusionMatrix)
{
    /// <summary>The trial's final metrics, or null until it has them.</summary>
    public static TrialResultResponse? From(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.TestAccuracy is { } accuracy
            ? new TrialResultResponse(
                accuracy,
                trial.TestLoss ?? double.NaN,
                trial.ValAccuracy,
                trial.ValLoss,
                trial.BestEpoch,
                trial.StopReason,
                trial.ParameterCount,
                trial.ConfusionMatrix is null ? null : JsonSerializer.Deserialize<int[][]>(trial.ConfusionMatrix))
            : null;
    }
}
