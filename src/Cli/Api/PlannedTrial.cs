using System.Text.Json;

namespace GridSearch.Cli.Api;

/// <summary>One trial of a dry run.</summary>
internal sealed record PlannedTrial(int Ordinal, JsonElement GridPoint, long ParameterCount, int Epochs, long? CachedFrom, double EstimatedSeconds);
