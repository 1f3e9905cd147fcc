using System.Text.Json;
using GridSearch.Domain.Definition;

namespace GridSearch.Domain.Leaderboard;

/// <summary>The metrics' names as the API spells them (camelCase, like the JSON it returns).</summary>
public static class LeaderboardMetrics
{
    /// <summary>The enum's name in camelCase: the name and the JSON property it ranks by are one spelling.</summary>
    public static string Name(LeaderboardMetric metric) => Enum.IsDefined(metric)
        ? JsonNamingPolicy.CamelCase.ConvertName(metric.ToString())
        : throw new ArgumentOutOfRangeException(nameof(metric), metric, null);

    /// <summary>Accuracies rank higher first, losses lower first.</summary>
    public static bool HigherIsBetter(LeaderboardMetric metric) => metric is LeaderboardMetric.TestAccuracy or LeaderboardMetric.ValAccuracy or LeaderboardMetric.CvAccuracy;

    /// <summary>Whether one trial has the metric (every one but the cross-validated accuracy, which is a configuration's).</summary>
    public static bool IsOfOneTrial(LeaderboardMetric metric) => metric is not LeaderboardMetric.CvAccuracy;

    /// <summary>The names of the metrics one trial has: what an analysis of trials accepts.</summary>
    public static IReadOnlyList<string> TrialNames { get; } = [.. Enum.GetValues<LeaderboardMetric>().Where(IsOfOneTrial).Select(Name)];

    /// <summary>Every metric's name, in the enum's order: what ?metric accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<LeaderboardMetric>().Select(Name)];

    /// <summary>The ?metric a request names (test accuracy when none); an unknown one adds a "metric" error.</summary>
    public static LeaderboardMetric Read(string? text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!TryParse(text, out var metric))
        {
            errors.Add("metric", $"must be one of {string.Join(", ", Names)}.");
        }

        return metric;
    }

    /// <summary>As <see cref="Read"/>, for what only a trial's metrics make sense of (an analysis of trials).</summary>
    public static LeaderboardMetric ReadOfOneTrial(string? text, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!TryParse(text, out var metric) || !IsOfOneTrial(metric))
        {
            errors.Add("metric", $"must be one of {string.Join(", ", TrialNames)}.");
        }

        return metric;
    }

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
