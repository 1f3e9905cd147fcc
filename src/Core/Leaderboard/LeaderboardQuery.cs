using GridSearch.Core.CrossValidation;
using GridSearch.Domain.Analysis;
using GridSearch.Domain.Leaderboard;
using Npgsql;

namespace GridSearch.Core.Leaderboard;

/// <summary>
/// The best configurations of one search, or the best succeeded trials of all searches (optionally of one
/// dataset), by a metric. In one search a configuration is a grid point: its trials are its repeats (one per
/// seed), and its entry is its best repeat with all of them summarized (<see cref="ConfigurationRepeats"/>),
/// ranked by <see cref="ConfigurationRanking"/> (mean or the interval's pessimistic end); only succeeded
/// repeats count. Between trials ties are broken by the other metric of the same split (accuracy for a loss, loss for an accuracy), then
/// by trial id, so the order, and so each rank, is the same on every read. Fold trials of a cross-validation
/// are not grid points and rank only on the cross-validated board (<see cref="LeaderboardMetric.CvAccuracy"/>),
/// one entry per evaluated configuration. Pruned trials (stop reason
/// <c>pruned</c>: stopped early by their search's pruner, so not trained to the end) are left out unless asked for. Every statement is made of
/// constants chosen by the scope and the metric; user input only ever travels as a parameter.
/// Across searches a configuration (its config hash: dataset, config and seed) appears once, as its best
/// trial by the board's order; of equal results (the result cache's copies of a trial) the earliest, which
/// is the trial that was trained: a resubmitted search adds no rows to that board.
/// </summary>
public sealed class LeaderboardQuery(NpgsqlDataSource dataSource)
{
    private readonly EvaluationQuery evaluations = new(dataSource);

    /// <summary>The most entries one read returns.</summary>
    public const int MaxTop = 1000;

    // Read by ReadEntry (the first eight) and, across searches, by the config hash that makes one entry.
    private const string Select = """
        SELECT t.id, t.search_id, t.test_accuracy, t.test_loss, t.val_accuracy, t.val_loss, t.config::text, t.grid_point::text, t.config_hash
        FROM trials t
        """;

    // A fold trial (fold_of set) is part of a configuration's cross-validation, not a point of the grid.
    private const string OfSearch = "WHERE t.search_id = @search AND t.status = 'succeeded' AND t.fold_of IS NULL";
    private const string OfAll = "WHERE t.status = 'succeeded' AND t.fold_of IS NULL";
    private const string OfDataset = "JOIN searches s ON s.id = t.search_id WHERE s.dataset = @dataset AND t.status = 'succeeded' AND t.fold_of IS NULL";
    private const string UnlessPruned = "AND (@include_pruned OR t.stop_reason IS DISTINCT FROM 'pruned')";


    // The leader of each search, in one pass over ix_trials_leaderboard, for pages of searches.
    private const string BestOfSearches = $"""
        SELECT DISTINCT ON (t.search_id) t.id, t.search_id, t.test_accuracy, t.test_loss, t.val_accuracy, t.val_loss, t.config::text, t.grid_point::text
        FROM trials t
        WHERE t.search_id = ANY(@searches) AND t.status = 'succeeded' AND t.test_accuracy IS NOT NULL
          AND t.stop_reason IS DISTINCT FROM 'pruned' AND t.fold_of IS NULL
        ORDER BY t.search_id, t.test_accuracy DESC, t.test_loss ASC NULLS LAST, t.id
        """;

    /// <summary>Each search's best trial by test accuracy (its default board's first trial when no configuration
    /// repeats; with repeats, the best single run, which need not be the best mean); searches without a
    /// succeeded trial are absent.</summary>
    public async Task<IReadOnlyDictionary<long, LeaderboardEntry>> BestOfSearchesAsync(IReadOnlyCollection<long> searchIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(searchIds);
        await using var command = dataSource.CreateCommand(BestOfSearches);
        command.Parameters.AddWithValue("searches", searchIds.ToArray());
        var best = new Dictionary<long, LeaderboardEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var entry = ReadEntry(reader, rank: 1);
            best[entry.SearchId] = entry;
        }

        return best;
    }

    public Task<IReadOnlyList<LeaderboardEntry>> ForSearchAsync(long searchId, int top, LeaderboardMetric metric, CancellationToken ct) =>
        ForSearchAsync(searchId, top, metric, includePruned: false, ct);

    public Task<IReadOnlyList<LeaderboardEntry>> ForSearchAsync(long searchId, int top, LeaderboardMetric metric, bool includePruned, CancellationToken ct) =>
        ForSearchAsync(searchId, top, metric, includePruned, RankBy.Mean, ct);

    /// <summary>One entry per configuration (grid point) of the search, ranked <paramref name="rankBy"/>; the
    /// cross-validated board (<see cref="LeaderboardMetric.CvAccuracy"/>) ranks its evaluations as before.</summary>
    public async Task<IReadOnlyList<LeaderboardEntry>> ForSearchAsync(long searchId, int top, LeaderboardMetric metric, bool includePruned, RankBy rankBy, CancellationToken ct) =>
        metric == LeaderboardMetric.CvAccuracy
            ? CrossValidated(await evaluations.ForSearchAsync(searchId, ct), top)
            : await ReadConfigurationsAsync(searchId, CheckTop(top), metric, includePruned, rankBy, ct);

    /// <summary>Every configuration of the search, ranked as its board ranks them (for the export by configuration).</summary>
    public Task<IReadOnlyList<LeaderboardEntry>> ConfigurationsAsync(long searchId, LeaderboardMetric metric, bool includePruned, RankBy rankBy, CancellationToken ct) =>
        LeaderboardMetrics.IsOfOneTrial(metric)
            ? ReadConfigurationsAsync(searchId, int.MaxValue, metric, includePruned, rankBy, ct)
            : throw new ArgumentOutOfRangeException(nameof(metric), metric, "Configurations rank by a trial's metric.");

    /// <summary>Every succeeded trial of the search with the metric, in the board's order, grouped by grid
    /// point (the first of a group is its best repeat), then the groups ranked.</summary>
    private async Task<IReadOnlyList<LeaderboardEntry>> ReadConfigurationsAsync(long searchId, int top, LeaderboardMetric metric, bool includePruned, RankBy rankBy, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"{Select} {OfSearch} {UnlessPruned} {Order(metric)}");
        command.Parameters.AddWithValue("search", searchId);
        command.Parameters.AddWithValue("include_pruned", includePruned);
        var column = 2 + (int)metric; // the SELECT lists the four metrics in LeaderboardMetric's order
        var rows = new List<(LeaderboardEntry Entry, double Value)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((ReadEntry(reader, rank: 0), reader.GetDouble(column)));
            }
        }

        // GroupBy keeps the groups in the order of their first rows, so each group's first row is its best repeat.
        var configurations = rows.GroupBy(r => r.Entry.GridPointJson, StringComparer.Ordinal).ToList();
        var ranked = ConfigurationRanking.Rank([.. configurations.Select(g => (Item: g, Summary: MetricSummary.Of([.. g.Select(r => r.Value)])))], metric, rankBy);
        return [.. ranked.Take(top).Select(r => r.Item.First().Entry with
        {
            Rank = r.Rank,
            Repeats = new ConfigurationRepeats(metric, r.Summary, [.. r.Item.Select(x => x.Entry.TrialId).Order()], r.TiedWithBest),
        })];
    }

    /// <param name="dataset">Only searches of this dataset; null for all searches.</param>
    public Task<IReadOnlyList<LeaderboardEntry>> AcrossSearchesAsync(string? dataset, int top, LeaderboardMetric metric, CancellationToken ct) =>
        AcrossSearchesAsync(dataset, top, metric, includePruned: false, ct);

    /// <param name="dataset">Only searches of this dataset; null for all searches.</param>
    public async Task<IReadOnlyList<LeaderboardEntry>> AcrossSearchesAsync(string? dataset, int top, LeaderboardMetric metric, bool includePruned, CancellationToken ct) =>
        metric == LeaderboardMetric.CvAccuracy ? CrossValidated(await evaluations.AcrossSearchesAsync(dataset, ct), top)
        : await ReadOnePerConfigAsync(Statement(dataset is null ? OfAll : OfDataset, metric), top, includePruned, dataset, ct);

    /// <summary>
    /// The board with each config hash once: its first row in the board's order is its best (and of equal
    /// ones the earliest). The rows are read in that order, over the leaderboard indexes, a window at a
    /// time: a window that holds fewer than <paramref name="top"/> configurations and was full is read
    /// again, four times as long, so repeats cost reading them and never a sort of the whole table.
    /// </summary>
    private async Task<IReadOnlyList<LeaderboardEntry>> ReadOnePerConfigAsync(string sql, int top, bool includePruned, string? dataset, CancellationToken ct)
    {
        CheckTop(top);
        for (var window = 2L * top; ; window *= 4)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("top", window);
            command.Parameters.AddWithValue("include_pruned", includePruned);
            if (dataset is not null)
            {
                command.Parameters.AddWithValue("dataset", dataset);
            }

            var entries = new List<LeaderboardEntry>(Math.Min(top, 100));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var read = 0L;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (entries.Count < top && await reader.ReadAsync(ct))
            {
                read++;
                if (seen.Add(reader.GetString(8)))
                {
                    entries.Add(ReadEntry(reader, entries.Count + 1));
                }
            }

            if (entries.Count == top || read < window)
            {
                return entries;
            }
        }
    }

    /// <summary>The cross-validated board: configurations with a finished fold, by the mean of their folds'
    /// validation accuracies, then the source's test accuracy, then its id (and the fewer folds first).</summary>
    private static IReadOnlyList<LeaderboardEntry> CrossValidated(IReadOnlyList<FoldEvaluation> evaluated, int top)
    {
        CheckTop(top);
        return [.. evaluated
            .Where(e => e.Mean is not null && e.TestAccuracy is not null && e.TestLoss is not null)
            .OrderByDescending(e => e.Mean).ThenByDescending(e => e.TestAccuracy).ThenBy(e => e.SourceTrialId).ThenBy(e => e.Folds)
            .Take(top)
            .Select((e, i) => new LeaderboardEntry(i + 1, e.SourceTrialId, e.SearchId, e.TestAccuracy!.Value, e.TestLoss!.Value, e.ValAccuracy, e.ValLoss, e.ConfigJson, e.GridPointJson)
            {
                CrossValidated = e,
            })];
    }

    private static int CheckTop(int top)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        return top;
    }

    /// <summary>A board's statement, made of the constants above alone (the scope is one of the Of*), so
    /// no runtime text ever gets into it.</summary>
    private static string Statement(string scope, LeaderboardMetric metric) => $"{Select} {scope} {UnlessPruned} {Order(metric)} LIMIT @top";

    // The primary order is plain ASC or DESC so it matches the leaderboard indexes; a trial without the
    // metric (no validation split) has no place on that metric's board.
    private static string Order(LeaderboardMetric metric) => metric switch
    {
        LeaderboardMetric.TestAccuracy => "AND t.test_accuracy IS NOT NULL ORDER BY t.test_accuracy DESC, t.test_loss ASC NULLS LAST, t.id",
        LeaderboardMetric.TestLoss => "AND t.test_loss IS NOT NULL ORDER BY t.test_loss ASC, t.test_accuracy DESC NULLS LAST, t.id",
        LeaderboardMetric.ValAccuracy => "AND t.val_accuracy IS NOT NULL ORDER BY t.val_accuracy DESC, t.val_loss ASC NULLS LAST, t.id",
        LeaderboardMetric.ValLoss => "AND t.val_loss IS NOT NULL ORDER BY t.val_loss ASC, t.val_accuracy DESC NULLS LAST, t.id",
        // Read from the evaluations instead (CrossValidated); no statement ranks it.
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static LeaderboardEntry ReadEntry(NpgsqlDataReader reader, int rank) => new(
        Rank: rank,
        TrialId: reader.GetInt64(0),
        SearchId: reader.GetInt64(1),
        TestAccuracy: reader.GetDouble(2),
        TestLoss: reader.GetDouble(3),
        ValAccuracy: reader.IsDBNull(4) ? null : reader.GetDouble(4),
        ValLoss: reader.IsDBNull(5) ? null : reader.GetDouble(5),
        ConfigJson: reader.GetString(6),
        GridPointJson: reader.GetString(7));
}
