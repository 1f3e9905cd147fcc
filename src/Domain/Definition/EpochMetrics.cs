using System.Text.Json;
using GridSearch.Domain.Leaderboard;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Definition;

/// <summary>Names, values and order of the <see cref="EpochMetric"/>s: an accuracy is better higher, a loss lower.</summary>
public static class EpochMetrics
{
    /// <summary>"valAccuracy", "valLoss": the leaderboard's names for the same metrics.</summary>
    public static string Name(EpochMetric metric) => LeaderboardMetrics.Name(AsLeaderboardMetric(metric));

    public static LeaderboardMetric AsLeaderboardMetric(EpochMetric metric) => metric switch
    {
        EpochMetric.ValAccuracy => LeaderboardMetric.ValAccuracy,
        EpochMetric.ValLoss => LeaderboardMetric.ValLoss,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    public static bool HigherIsBetter(EpochMetric metric) => metric == EpochMetric.ValAccuracy;

    /// <summary>Whether <paramref name="value"/> is strictly worse than <paramref name="than"/>.</summary>
    public static bool Worse(EpochMetric metric, double value, double than) => HigherIsBetter(metric) ? value < than : value > than;

    /// <summary>The epoch's value of the metric; null when the epoch has none.</summary>
    public static double? Of(EpochMetric metric, Epoch epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        return metric == EpochMetric.ValAccuracy ? epoch.ValAccuracy : epoch.ValLoss;
    }

    /// <summary>Reads a metric's name at <paramref name="path"/>; null with an error when it is not one.</summary>
    public static EpochMetric? Read(JsonElement element, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (element.ValueKind == JsonValueKind.String)
        {
            foreach (var metric in Enum.GetValues<EpochMetric>())
            {
                if (element.GetString() == Name(metric))
                {
                    return metric;
                }
            }
        }

        errors.Add(path, $"must be one of {string.Join(", ", Enum.GetValues<EpochMetric>().Select(Name))}, got {element.GetRawText()}.");
        return null;
    }
}
