using System.Text.Json;
using GridSearch.Core.Trials;
using GridSearch.Domain.Machines;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Api.Trials;

/// <summary>Builds the <see cref="TrialResponse"/> contract from a stored trial.</summary>
public static class TrialResponses
{
    /// <summary><paramref name="modelKept"/>: whether the trial's weights are kept; null where not looked up (the event streams).</summary>
    public static TrialResponse From(Trial trial, IReadOnlyList<Epoch>? epochs = null, bool? modelKept = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new TrialResponse(
            trial.Id,
            trial.SearchId,
            trial.Ordinal,
            trial.Repeat,
            EnumNames.Of(trial.Status),
            StoredJson.GridPoint(trial.GridPoint),
            StoredJson.Config(trial.Config),
            trial.ConfigHash,
            trial.Attempts,
            trial.Worker,
            trial.StartedAt,
            trial.FinishedAt,
            trial.Error,
            trial.CachedFrom,
            Result(trial),
            epochs?.Select(e => new EpochResponse(e.Number, e.TrainLoss, e.TrainAccuracy, e.ValLoss, e.ValAccuracy, e.LearningRate, e.Seconds)).ToList(),
            modelKept,
            Machine(trial.Machine))
        {
            ChosenBy = trial.ChosenBy,
        };
    }

    /// <summary>The stored <see cref="TrialMachine"/> as the API shows it; null when none was recorded.</summary>
    public static TrialMachineResponse? Machine(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var machine = TrialMachine.FromJson(json);
        return new TrialMachineResponse(
            machine.CpuModel, machine.CpuFeatures, machine.CpuCapability, machine.TorchVersion, machine.Blas, machine.Lapack,
            machine.BlasLibrary, machine.Device, machine.Threads);
    }

    /// <summary>The trial's final metrics, or null until it has them.</summary>
    public static TrialResultResponse? Result(Trial trial)
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
