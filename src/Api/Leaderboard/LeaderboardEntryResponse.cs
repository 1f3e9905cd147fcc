using System.Text.Json;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Trials;

namespace GridSearch.Api.Leaderboard;

public sealed record LeaderboardEntryResponse(int Rank, long TrialId, long SearchId, double TestAccuracy, double TestLoss, double? ValAccuracy, double? ValLoss, JsonElement GridPoint, JsonElement Config)
{
    public static LeaderboardEntryResponse From(LeaderboardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new LeaderboardEntryResponse(entry.Rank, entry.TrialId, entry.SearchId, entry.TestAccuracy, entry.TestLoss, entry.ValAccuracy, entry.ValLoss, StoredJson.GridPoint(entry.GridPointJson), StoredJson.Config(entry.ConfigJson));
    }

    internal static JsonElement JsonElementOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
