using GridSearch.Domain.Analysis;
using GridSearch.Domain.Leaderboard;
using Npgsql;

namespace GridSearch.Core.Analysis;

/// <summary>Reads a search's succeeded trials in the order they finished (fold trials of a cross-validation aside:
/// they repeat a grid point) in one statement, and makes its <see cref="OptimizationHistory"/>.</summary>
public sealed class OptimizationHistoryQuery(NpgsqlDataSource dataSource)
{
    // All four metrics are read; the one asked for is picked in code, so no column name is ever built from input.
    private const string Trials = """
        SELECT t.id, t.chosen_by, t.test_accuracy, t.test_loss, t.val_accuracy, t.val_loss, t.stop_reason = 'pruned'
        FROM trials t
        WHERE t.search_id = @search AND t.status = 'succeeded' AND t.fold_of IS NULL
        ORDER BY t.finished_at, t.id
        """;

    private const string Exists = "SELECT EXISTS (SELECT FROM searches WHERE id = @search)";

    /// <summary>The history by <paramref name="metric"/> (one a trial has); null when there is no such search.</summary>
    public async Task<IReadOnlyList<HistoryStep>?> ReadAsync(long searchId, LeaderboardMetric metric, CancellationToken cancellationToken)
    {
        var column = metric switch
        {
            LeaderboardMetric.TestAccuracy => 2,
            LeaderboardMetric.TestLoss => 3,
            LeaderboardMetric.ValAccuracy => 4,
            LeaderboardMetric.ValLoss => 5,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "A history is of a metric one trial has."),
        };
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Exists) { Parameters = { new("search", searchId) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Trials) { Parameters = { new("search", searchId) } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !reader.GetBoolean(0))
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var finished = new List<(long, string?, double?, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            finished.Add((
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(column) ? null : reader.GetDouble(column),
                !reader.IsDBNull(6) && reader.GetBoolean(6)));
        }

        return OptimizationHistory.Of(finished, LeaderboardMetrics.HigherIsBetter(metric));
    }
}
