using Npgsql;

namespace GridSearch.Core.Leaderboard;

/// <summary>
/// The best succeeded trials of one search, or of all searches (optionally of one dataset), by a metric.
/// Ties are broken by the other metric of the same split (accuracy for a loss, loss for an accuracy), then
/// by trial id, so the order, and so each rank, is the same on every read. Every statement is a constant
/// chosen by the metric; user input only ever travels as a parameter.
/// </summary>
public sealed class LeaderboardQuery(NpgsqlDataSource dataSource)
{
    /// <summary>The most entries one read returns.</summary>
    public const int MaxTop = 1000;

    private const string Select = """
        SELECT t.id, t.search_id, t.test_accuracy, t.test_loss, t.val_accuracy, t.val_loss, t.config::text, t.grid_point::text
        FROM trials t
        """;

    private const string OfSearch = "WHERE t.search_id = @search AND t.status = 'succeeded'";
    private const string OfAll = "WHERE t.status = 'succeeded'";
    private const string OfDataset = "JOIN searches s ON s.id = t.search_id WHERE s.dataset = @dataset AND t.status = 'succeeded'";

    // The primary order is plain ASC or DESC so it matches the leaderboard indexes; a trial without the
    // metric (no validation split) has no place on that metric's board.
    private const string ByTestAccuracy = "AND t.test_accuracy IS NOT NULL ORDER BY t.test_accuracy DESC, t.test_loss ASC NULLS LAST, t.id LIMIT @top";
    private const string ByTestLoss = "AND t.test_loss IS NOT NULL ORDER BY t.test_loss ASC, t.test_accuracy DESC NULLS LAST, t.id LIMIT @top";
    private const string ByValAccuracy = "AND t.val_accuracy IS NOT NULL ORDER BY t.val_accuracy DESC, t.val_loss ASC NULLS LAST, t.id LIMIT @top";
    private const string ByValLoss = "AND t.val_loss IS NOT NULL ORDER BY t.val_loss ASC, t.val_accuracy DESC NULLS LAST, t.id LIMIT @top";

    // Compile-time constants: the compiler itself guarantees no runtime text gets into them.
    private const string SearchByTestAccuracy = $"{Select} {OfSearch} {ByTestAccuracy}";
    private const string SearchByTestLoss = $"{Select} {OfSearch} {ByTestLoss}";
    private const string SearchByValAccuracy = $"{Select} {OfSearch} {ByValAccuracy}";
    private const string SearchByValLoss = $"{Select} {OfSearch} {ByValLoss}";
    private const string AllByTestAccuracy = $"{Select} {OfAll} {ByTestAccuracy}";
    private const string AllByTestLoss = $"{Select} {OfAll} {ByTestLoss}";
    private const string AllByValAccuracy = $"{Select} {OfAll} {ByValAccuracy}";
    private const string AllByValLoss = $"{Select} {OfAll} {ByValLoss}";
    private const string DatasetByTestAccuracy = $"{Select} {OfDataset} {ByTestAccuracy}";
    private const string DatasetByTestLoss = $"{Select} {OfDataset} {ByTestLoss}";
    private const string DatasetByValAccuracy = $"{Select} {OfDataset} {ByValAccuracy}";
    private const string DatasetByValLoss = $"{Select} {OfDataset} {ByValLoss}";

    // The leader of each search, in one pass over ix_trials_leaderboard, for pages of searches.
    private const string BestOfSearches = $"""
        SELECT DISTINCT ON (t.search_id) t.id, t.search_id, t.test_accuracy, t.test_loss, t.val_accuracy, t.val_loss, t.config::text, t.grid_point::text
        FROM trials t
        WHERE t.search_id = ANY(@searches) AND t.status = 'succeeded' AND t.test_accuracy IS NOT NULL
        ORDER BY t.search_id, t.test_accuracy DESC, t.test_loss ASC NULLS LAST, t.id
        """;

    /// <summary>Each search's best trial by test accuracy (rank 1 of its board); searches without a
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

    public Task<IReadOnlyList<LeaderboardEntry>> ForSearchAsync(long searchId, int top, LeaderboardMetric metric, CancellationToken ct)
    {
        var sql = metric switch
        {
            LeaderboardMetric.TestAccuracy => SearchByTestAccuracy,
            LeaderboardMetric.TestLoss => SearchByTestLoss,
            LeaderboardMetric.ValAccuracy => SearchByValAccuracy,
            LeaderboardMetric.ValLoss => SearchByValLoss,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
        };
        return ReadAsync(sql, top, new NpgsqlParameter("search", searchId), ct);
    }

    /// <param name="dataset">Only searches of this dataset; null for all searches.</param>
    public Task<IReadOnlyList<LeaderboardEntry>> AcrossSearchesAsync(string? dataset, int top, LeaderboardMetric metric, CancellationToken ct)
    {
        var sql = (metric, dataset is null) switch
        {
            (LeaderboardMetric.TestAccuracy, true) => AllByTestAccuracy,
            (LeaderboardMetric.TestLoss, true) => AllByTestLoss,
            (LeaderboardMetric.ValAccuracy, true) => AllByValAccuracy,
            (LeaderboardMetric.ValLoss, true) => AllByValLoss,
            (LeaderboardMetric.TestAccuracy, false) => DatasetByTestAccuracy,
            (LeaderboardMetric.TestLoss, false) => DatasetByTestLoss,
            (LeaderboardMetric.ValAccuracy, false) => DatasetByValAccuracy,
            (LeaderboardMetric.ValLoss, false) => DatasetByValLoss,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
        };
        return ReadAsync(sql, top, dataset is null ? null : new NpgsqlParameter("dataset", dataset), ct);
    }

    private async Task<IReadOnlyList<LeaderboardEntry>> ReadAsync(string sql, int top, NpgsqlParameter? filter, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("top", top);
        if (filter is not null)
        {
            command.Parameters.Add(filter);
        }

        var entries = new List<LeaderboardEntry>(Math.Min(top, 100));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(ReadEntry(reader, entries.Count + 1));
        }

        return entries;
    }

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
