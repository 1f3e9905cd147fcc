using System.Text.Json;
using GridSearch.Api.Leaderboard;
using GridSearch.Core.Trials;

namespace GridSearch.Api.Trials;

/// <summary>A trial as the API shows it; <see cref="Epochs"/> only on the single-trial endpoint.</summary>
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
    TrialResultResponse? Result,
    IReadOnlyList<EpochResponse>? Epochs,
    bool? ModelKept)
{
    /// <summary><paramref name="modelKept"/>: whether the trial's weights are kept (export and predict work); null where not looked up (the event streams).</summary>
    public static TrialResponse From(Trial trial, IReadOnlyList<Epoch>? epochs = null, bool? modelKept = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
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
            TrialResultResponse.From(trial),
            epochs?.Select(e => new EpochResponse(e.Number, e.TrainLoss, e.TrainAccuracy, e.ValLoss, e.ValAccuracy, e.LearningRate, e.Seconds)).ToList(),
            modelKept);
    }
}
