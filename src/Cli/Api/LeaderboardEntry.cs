using System.Text.Json;

namespace GridSearch.Cli.Api;

internal sealed record LeaderboardEntry(
    int Rank,
    long TrialId,
    long SearchId,
    double TestAccuracy,
    double TestLoss,
    double? ValAccuracy,
    double? ValLoss,
    JsonElement GridPoint,
    JsonElement Config);
