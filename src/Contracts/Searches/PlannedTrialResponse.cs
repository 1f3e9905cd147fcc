using System.Text.Json;

namespace GridSearch.Contracts.Searches;

/// <summary>One trial of a dry run: which repeat of its configuration it is (0-based), its grid point, its network's parameter count, its planned epochs,
/// the trial whose result the cache would reuse (then it costs nothing) and its estimated seconds.</summary>
public sealed record PlannedTrialResponse(int Ordinal, int Repeat, JsonElement GridPoint, long ParameterCount, int Epochs, long? CachedFrom, double EstimatedSeconds);
