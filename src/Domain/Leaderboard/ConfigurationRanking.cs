using GridSearch.Domain.Analysis;

namespace GridSearch.Domain.Leaderboard;

/// <summary>
/// Orders a search's configurations by their repeats (<see cref="RankBy"/>) and marks those that cannot be
/// told apart from the best (<see cref="WelchTest"/>). Equal keys keep the order they are given in, which
/// the caller makes its best repeats' board order, so every read ranks alike.
/// A configuration with a single finished repeat has no interval; ranked by <see cref="RankBy.LowerBound"/>
/// it counts by its one value, so a search without repeats ranks as it always did. (That is optimistic for
/// it: in a repeated search such a configuration is one whose other repeats have not finished.) Its tie
/// with the best stays unknown (null).
/// </summary>
public static class ConfigurationRanking
{
    /// <summary>The value a configuration is ranked by, larger or smaller first as the metric goes.</summary>
    public static double Key(MetricSummary summary, LeaderboardMetric metric, RankBy by)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var higherIsBetter = LeaderboardMetrics.HigherIsBetter(metric);
        return by switch
        {
            RankBy.Mean => summary.Mean,
            RankBy.LowerBound => (higherIsBetter ? summary.Low : summary.High) ?? summary.Mean,
            _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
        };
    }

    /// <summary>The configurations best first, ranked 1, 2, …; <paramref name="configurations"/> in the order ties keep.</summary>
    public static IReadOnlyList<RankedConfiguration<T>> Rank<T>(IReadOnlyList<(T Item, MetricSummary Summary)> configurations, LeaderboardMetric metric, RankBy by)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        var higherIsBetter = LeaderboardMetrics.HigherIsBetter(metric);
        var ordered = configurations
            .Select((c, i) => (c.Item, c.Summary, Key: Key(c.Summary, metric, by), Given: i))
            // A NaN (a diverged trial's loss) ranks last whichever way the metric goes.
            .OrderBy(c => double.IsNaN(c.Key)).ThenBy(c => higherIsBetter ? -c.Key : c.Key).ThenBy(c => c.Given)
            .ToList();
        if (ordered.Count == 0)
        {
            return [];
        }

        var best = ordered[0].Summary;
        return [.. ordered.Select((c, i) => new RankedConfiguration<T>(i + 1, c.Item, c.Summary,
            i == 0 ? (best.N >= 2 ? true : null) : WelchTest.Of(best, c.Summary)?.Indistinguishable))];
    }
}
