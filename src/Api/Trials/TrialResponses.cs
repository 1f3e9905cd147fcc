using System.Text.Json;
using GridSearch.Contracts.Trials;
using GridSearch.Core.Trials;

namespace GridSearch.Api.Trials;

/// <summary>Builds the <see cref="TrialResponse"/> contract from a stored trial.</summary>
public static class TrialResponses
{
    public static TrialResponse From(Trial trial, IReadOnlyList<Epoch>? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var result = trial.TestAccuracy is { } accuracy
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
        return new TrialResponse(
            trial.Id,
            trial.SearchId,
            trial.Ordinal,
            trial.Status.ToString().ToLowerInvariant(),
            StoredJson.GridPoint(trial.GridPoint),
            StoredJson.Config(trial.Config),
            trial.ConfigHash,
            trial.Attempts,
            trial.Worker,
            trial.StartedAt,
            trial.FinishedAt,
            trial.Error,
            result,
            epochs?.Select(e => new EpochResponse(e.Number, e.TrainLoss, e.TrainAccuracy, e.ValLoss, e.ValAccuracy, e.LearningRate, e.Seconds)).ToList());
    }
}
