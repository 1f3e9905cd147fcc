namespace GridSearch.Core.Leaderboard;

/// <summary>The metrics' names as the API spells them (camelCase, like the JSON it returns).</summary>
public static class LeaderboardMetrics
{
    public static string Name(LeaderboardMetric metric) => metric switch
    {
        LeaderboardMetric.TestAccuracy => "testAccuracy",
        LeaderboardMetric.TestLoss => "testLoss",
        LeaderboardMetric.ValAccuracy => "valAccuracy",
        LeaderboardMetric.ValLoss => "valLoss",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Reads a metric's name, ignoring case; no name at all means test accuracy. Numbers are not
    /// names, unlike <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>.</summary>
    public static bool TryParse(string? text, out LeaderboardMetric metric)
    {
        metric = LeaderboardMetric.TestAccuracy;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<LeaderboardMetric>())
        {
            if (string.Equals(text, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                metric = candidate;
                return true;
            }
        }

        return false;
    }
}
