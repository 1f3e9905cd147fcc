using System.Text.Json;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Persistence;
using GridSearch.Domain.Leaderboard;
using GridSearch.Domain.Planning;

namespace GridSearch.Core.Export;

/// <summary>
/// A search's export by configuration (GET /api/searches/{id}/export?by=configuration): one row per grid
/// point that has a succeeded repeat, in its board's order (test accuracy, by mean), under the grid's axes
/// and <see cref="SummaryColumns"/>: the rank, the best repeat's trial id, and the repeats' test accuracy
/// summarized as the board summarizes it (<see cref="LeaderboardQuery"/>; pruned repeats left out).
/// </summary>
public sealed class ConfigurationExport(GridSearchDbContext db, LeaderboardQuery leaderboard)
{
    private static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>The columns after the axes, in order.</summary>
    public static IReadOnlyList<string> SummaryColumns { get; } =
        ["rank", "bestTrialId", "metric", "n", "mean", "standardDeviation", "low", "high", "min", "max", "tiedWithBest", "trialIds"];

    /// <summary>Null when there is no such search.</summary>
    public async Task<ExportTable?> ExportAsync(long searchId, CancellationToken cancellationToken)
    {
        var search = await db.Searches.AsNoTracking().FirstOrDefaultAsync(s => s.Id == searchId, cancellationToken);
        if (search is null)
        {
            return null;
        }

        IReadOnlyList<string> axes;
        using (var definition = JsonDocument.Parse(search.Definition))
        {
            axes = SearchPlanner.VaryingAxes(definition.RootElement);
        }

        var entries = await leaderboard.ConfigurationsAsync(searchId, LeaderboardMetric.TestAccuracy, includePruned: false, RankBy.Mean, cancellationToken);
        return Of(axes, entries);
    }

    /// <summary>One row per board entry (each with its <see cref="LeaderboardEntry.Repeats"/>), under the axes and <see cref="SummaryColumns"/>.</summary>
    public static ExportTable Of(IReadOnlyList<string> axes, IEnumerable<LeaderboardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(entries);
        var rows = new List<IReadOnlyList<JsonElement>>();
        foreach (var entry in entries)
        {
            var repeats = entry.Repeats ?? throw new ArgumentException("Every entry needs its repeats.", nameof(entries));
            var s = repeats.Summary;
            using var gridPoint = JsonDocument.Parse(entry.GridPointJson);
            rows.Add([
                .. axes.Select(axis => gridPoint.RootElement.TryGetProperty(axis, out var value) ? value.Clone() : Null),
                .. new object?[] { entry.Rank, entry.TrialId, LeaderboardMetrics.Name(repeats.Metric), s.N, s.Mean, s.StandardDeviation, s.Low, s.High, s.Min, s.Max, repeats.TiedWithBest, repeats.TrialIds }
                    .Select(value => JsonSerializer.SerializeToElement(value)),
            ]);
        }

        return new ExportTable([.. axes, .. SummaryColumns], rows);
    }
}
