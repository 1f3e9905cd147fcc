using System.Text.Json;
using System.Text.Json.Nodes;
using GridSearch.Core.Persistence;
using GridSearch.Domain.Analysis;
using GridSearch.Domain.Leaderboard;
using GridSearch.Domain.Planning;
using Npgsql;

namespace GridSearch.Core.Analysis;

/// <summary>Reads a search's grid trials (fold trials of a cross-validation aside: they repeat a grid point)
/// in one statement and explains the succeeded ones (pruned ones aside: their metrics are of fewer epochs),
/// configuration by configuration: the trials of one grid point are its repeats (<see cref="SearchAnalysis"/>).</summary>
public sealed class SearchAnalyzer(GridSearchDbContext db, NpgsqlDataSource dataSource)
{
    // The metric's column comes from a closed list (LeaderboardMetric), never from user text.
    private const string Trials = """
        SELECT t.id, t.grid_point::text, t.test_accuracy, t.test_loss, t.val_accuracy, t.val_loss, t.parameter_count,
               COALESCE((SELECT sum(e.seconds) FROM epochs e WHERE e.trial_id = t.id), 0),
               t.status = 'succeeded' AND t.stop_reason IS DISTINCT FROM 'pruned', t.status = 'succeeded' AND t.stop_reason = 'pruned'
        FROM trials t
        WHERE t.search_id = @search AND t.fold_of IS NULL
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

        var (trials, gridPoints, pruned) = await ReadAsync(searchId, metric, cancellationToken);
        var axes = SearchPlanner.VaryingAxes(JsonSerializer.Deserialize<JsonElement>(search.Definition));
        // Fold trials of a cross-validation count among the search's trials but are no points of its grid.
        var folds = await db.Trials.CountAsync(t => t.SearchId == searchId && t.FoldOf != null, cancellationToken);
        return Explain(searchId, metric, search.TrialCount - folds, axes, trials, gridPoints) with { PrunedTrials = pruned, FoldTrials = folds };
    }

    /// <summary>The analysis of <paramref name="trials"/> (in grid order) over <paramref name="axes"/>;
    /// <paramref name="gridPoints"/>, the grid points of all the grid's trials in any state, count each value's
    /// trials (none given: the analysed ones).</summary>
    public static SearchAnalysis Explain(
        long searchId, LeaderboardMetric metric, int gridTrials, IReadOnlyList<string> axes, IReadOnlyList<AnalysedTrial> trials, IReadOnlyList<string>? gridPoints = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(trials);
        var higherIsBetter = LeaderboardMetrics.HigherIsBetter(metric);
        var configurations = trials
            .GroupBy(t => t.GridPointJson, StringComparer.Ordinal)
            .Select(g => new AnalysedConfiguration(JsonNode.Parse(g.Key) as JsonObject ?? [], [.. g]))
            .ToList();
        var repeated = configurations.Any(c => c.Trials.Count >= 2);
        var all = trials.Select(t => t.Metric).ToList();
        var points = (gridPoints ?? [.. trials.Select(t => t.GridPointJson)]).Select(p => JsonNode.Parse(p) as JsonObject ?? []).ToList();
        var analysed = axes
            .Select(axis => ExplainAxis(axis, configurations, points, higherIsBetter, repeated ? all : null))
            .OrderByDescending(a => a.Importance)
            .ToList();
        return new SearchAnalysis(searchId, metric, trials.Count, gridTrials, trials.Count == gridTrials, analysed, ParetoFront.Of(trials))
        {
            Configurations = configurations.Count,
            NoiseFloor = repeated ? Statistics.WithinShare(all, configurations.Select(c => c.Values)) : null,
        };
    }

    private static string Key(JsonObject point, string axis) => point[axis]?.ToJsonString() ?? "null";

    private static AxisAnalysis ExplainAxis(string axis, IReadOnlyList<AnalysedConfiguration> configurations, IReadOnlyList<JsonObject> gridPoints, bool higherIsBetter, IReadOnlyList<double>? repeats)
    {
        var byValue = configurations.GroupBy(c => Key(c.Point, axis), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var means = configurations.Select(c => c.Mean).ToList();
        // Every value the grid's trials have, in the order it first appears, with or without results.
        var values = gridPoints.Select(p => Key(p, axis)).ToList();
        var gridTrials = values.CountBy(v => v).ToDictionary(StringComparer.Ordinal);
        var summaries = values.Distinct().Select(value =>
        {
            if (!byValue.TryGetValue(value, out var group))
            {
                return new AxisValueSummary(value, 0, null, null, null, null, 0, gridTrials[value], HighestMean: false);
            }

            var groupMeans = group.Select(c => c.Mean).ToList();
            var best = group.SelectMany(c => c.Trials).MinBy(t => higherIsBetter ? -t.Metric : t.Metric)!;
            return new AxisValueSummary(value, group.Sum(c => c.Trials.Count), Statistics.Mean(groupMeans), Statistics.StandardDeviation(groupMeans),
                best.Metric, best.TrialId, group.Count, gridTrials[value], HighestMean: false);
        }).ToList();
        if (summaries.Count(s => s.Mean is not null) > 1)
        {
            var top = higherIsBetter ? summaries.Max(s => s.Mean) : summaries.Min(s => s.Mean);
            summaries = [.. summaries.Select(s => s with { HighestMean = s.Mean is not null && s.Mean == top })];
        }

        var numbers = configurations.Select(c => c.Point[axis] is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.GetValue<double>() : (double?)null).ToList();
        var spearman = numbers.All(n => n is not null) ? Statistics.Spearman(numbers.Select(n => n!.Value).ToList(), means) : null;
        var importance = Statistics.ExplainedShare(means, byValue.Values.Select(g => (IReadOnlyList<double>)[.. g.Select(c => c.Mean)]));
        var repeatShare = repeats is null ? (double?)null : Statistics.ExplainedShare(repeats, byValue.Values.Select(g => (IReadOnlyList<double>)[.. g.SelectMany(c => c.Values)]));
        return new AxisAnalysis(axis, summaries, spearman, importance, repeatShare);
    }

    private async Task<(IReadOnlyList<AnalysedTrial> Trials, IReadOnlyList<string> GridPoints, int Pruned)> ReadAsync(long searchId, LeaderboardMetric metric, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Trials);
        command.Parameters.AddWithValue("search", searchId);
        var column = 2 + (int)metric; // the SELECT lists the four metrics in LeaderboardMetric's order
        var trials = new List<AnalysedTrial>();
        var gridPoints = new List<string>();
        var pruned = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            gridPoints.Add(reader.GetString(1));
            pruned += reader.GetBoolean(9) ? 1 : 0;
            if (!reader.GetBoolean(8) || reader.IsDBNull(column) || reader.IsDBNull(2))
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

        return (trials, gridPoints, pruned);
    }
}
