using System.Text.Json;
using GridSearch.Api.Leaderboard;
using GridSearch.Core.Trials;

namespace GridSearch.Api.Trials;

/// <summary>A trial as the API shows it; <see cref="Epochs"/> only on the single-trial endpoint.
/// <see cref="CachedFrom"/>: the trial whose result this one reuses (it was never trained itself).</summary>
public sealed record TrialResponse(
    long Id,
    long SearchId,
    int Ordinal,
    string Status,
    JsonElement GridPoint,
    JsonElement Config,
    string ConfigHash,
    int Attempts,
    string? Worker,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    long? CachedFrom,
    TrialResultResponse? Result,
    IReadOnlyList<EpochResponse>? Epochs)
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
            trial.CachedFrom,
            result,
            epochs?.Select(e => new EpochResponse(e.Number, e.TrainLoss, e.TrainAccuracy, e.ValLoss, e.ValAccuracy, e.LearningRate, e.Seconds)).ToList());
    }
}
