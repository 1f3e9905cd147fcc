using GridSearch.Core.Leaderboard;
using GridSearch.Domain.Trials;

namespace GridSearch.Api.Leaderboard;

/// <summary>Builds the <see cref="LeaderboardEntryResponse"/> contract from a leaderboard entry.</summary>
public static class LeaderboardEntryResponses
{
    public static LeaderboardEntryResponse From(LeaderboardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var folds = entry.CrossValidated;
        return new LeaderboardEntryResponse(
            entry.Rank, entry.TrialId, entry.SearchId, entry.TestAccuracy, entry.TestLoss, entry.ValAccuracy, entry.ValLoss,
            StoredJson.GridPoint(entry.GridPointJson), StoredJson.Config(entry.ConfigJson),
            folds?.Mean, folds?.StandardDeviation, folds?.FoldsDone, folds?.Folds);
    }
}
