using GridSearch.Core.Leaderboard;
using GridSearch.Domain.Leaderboard;
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
            folds?.Mean, folds?.StandardDeviation, folds?.FoldsDone, folds?.Folds, Repeats(entry.Repeats));
    }

    private static RepeatsResponse? Repeats(ConfigurationRepeats? repeats)
    {
        if (repeats is null)
        {
            return null;
        }

        var s = repeats.Summary;
        return new RepeatsResponse(LeaderboardMetrics.Name(repeats.Metric), s.N, s.Mean, s.StandardDeviation, s.Low, s.High, s.Min, s.Max, repeats.TrialIds, repeats.TiedWithBest);
    }
}
