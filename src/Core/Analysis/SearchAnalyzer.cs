using System.Text.Json;
using System.Text.Json.Nodes;
using GridSearch.Core.Persistence;
using GridSearch.Domain.Analysis;
using GridSearch.Domain.Leaderboard;
using GridSearch.Domain.Planning;
using Npgsql;

namespace GridSearch.Core.Analysis;

/// <summary>Reads a search's succeeded grid trials (pruned ones aside: their metrics are of fewer epochs;
/// fold trials of a cross-validation aside: they repeat a grid point)
/// in one statement and explains them (<see cref="SearchAnalysis"/>).</summary>
public sealed class SearchAnalyzer(GridSearchDbContext db, NpgsqlDataSource dataSource)
{
    // The metric's column comes from a closed list (LeaderboardMetric), never from user text.
    private const string Trials = """
        SELECT t.id, t.grid_point::text, t.test_accuracy, t.test_loss, t.val_accuracy, t.val_loss, t.parameter_count,
               COALESCE((SELECT sum(e.seconds) FROM epochs e WHERE e.trial_id = t.id), 0)
        FROM trials t
        WHERE t.search_id = @search AND t.status = 'succeeded' AND t.stop_reason IS DISTINCT FROM 'pruned' AND t.fold_of IS NULL
        ORDER BY t.ordinal
        """;

    /// <summary>Null when there is no such search.</summary>
    public async Task<SearchAnalysis?> AnalyzeAsync(long searchId, LeaderboardMetric metric, CancellationToken cancellationToken)
    {
        var search = await db.Searches.AsNoTracking().SingleOrDefaultAsync(s => s.Id == searchId, cancellationToken);
        if (search is null)
        {
            return null;
        }

        var trials = await ReadAsync(searchId, metric, cancellationToken);
        var axes = SearchPlanner.VaryingAxes(JsonSerializer.Deserialize<JsonElement>(search.Definition));
        // Fold trials of a cross-validation count among the search's trials but are no points of its grid.
        var folds = await db.Trials.CountAsync(t => t.SearchId == searchId && t.FoldOf != null, cancellationToken);
        return Explain(searchId, metric, search.TrialCount - folds, axes, trials);
    }

    /// <summary>The analysis of <paramref name="trials"/> (in grid order) over <paramref name="axes"/>.</summary>
    public static SearchAnalysis Explain(long searchId, LeaderboardMetric metric, int gridTrials, IReadOnlyList<string> axes, IReadOnlyList<AnalysedTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(trials);
        var higherIsBetter = LeaderboardMetrics.HigherIsBetter(metric);
        var metrics = trials.Select(t => t.Metric).ToList();
        var points = trials.Select(t => JsonNode.Parse(t.GridPointJson) as JsonObject ?? []).ToList();
        var analysed = axes
            .Select(axis => ExplainAxis(axis, points.Select(p => p[axis]).ToList(), metrics, higherIsBetter))
            .OrderByDescending(a => a.Importance)
            .ToList();
        return new SearchAnalysis(searchId, metric, trials.Count, gridTrials, trials.Count == gridTrials, analysed, ParetoFront.Of(trials));
    }

    private static AxisAnalysis ExplainAxis(string axis, IReadOnlyList<JsonNode?> values, IReadOnlyList<double> metrics, bool higherIsBetter)
    {
        var groups = values
            .Select((value, i) => (Key: value?.ToJsonString() ?? "null", Metric: metrics[i]))
            .GroupBy(v => v.Key, v => v.Metric)
            .Select(g => (g.Key, Metrics: (IReadOnlyList<double>)g.ToList()))
            .ToList();
        var summaries = groups
            .Select(g => new AxisValueSummary(g.Key, g.Metrics.Count, Statistics.Mean(g.Metrics), Statistics.StandardDeviation(g.Metrics), higherIsBetter ? g.Metrics.Max() : g.Metrics.Min()))
            .ToList();
        var numbers = values.Select(v => v is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.GetValue<double>() : (double?)null).ToList();
        var spearman = numbers.All(n => n is not null) ? Statistics.Spearman(numbers.Select(n => n!.Value).ToList(), metrics) : null;
        return new AxisAnalysis(axis, summaries, spearman, Statistics.ExplainedShare(metrics, groups.Select(g => g.Metrics)));
    }

    private async Task<IReadOnlyList<AnalysedTrial>> ReadAsync(long searchId, LeaderboardMetric metric, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Trials);
        command.Parameters.AddWithValue("search", searchId);
        var column = 2 + (int)metric; // the SELECT lists the four metrics in LeaderboardMetric's order
        var trials = new List<AnalysedTrial>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(column) || reader.IsDBNull(2))
            {
                continue;
            }

            trials.Add(new AnalysedTrial(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetDouble(column),
                reader.GetDouble(2),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.GetDouble(7)));
        }

        return trials;
    }
}
