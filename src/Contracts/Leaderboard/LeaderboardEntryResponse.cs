using System.Text.Json;

namespace GridSearch.Contracts.Leaderboard;

public sealed record LeaderboardEntryResponse(int Rank, long TrialId, long SearchId, double TestAccuracy, double TestLoss, double? ValAccuracy, double? ValLoss, JsonElement GridPoint, JsonElement Config);
