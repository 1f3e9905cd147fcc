using System.Text.Json;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;

namespace GridSearch.Api.Searches;

/// <summary>One trial of a dry run: its grid point, its network's parameter count, its planned epochs,
/// the trial whose result the cache would reuse (then it costs nothing) and its estimated seconds.</summary>
public sealed record PlannedTrialResponse(int Ordinal, JsonElement GridPoint, long ParameterCount, int Epochs, long? CachedFrom, double EstimatedSeconds)
{
    public static PlannedTrialResponse From(DryRunTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new PlannedTrialResponse(
            trial.Trial.Ordinal,
            StoredJson.GridPoint(trial.Trial.GridPointJson),
            trial.Parameters,
            trial.Trial.Config.Epochs,
            trial.CachedFrom,
            trial.EstimatedSeconds);
    }
}
