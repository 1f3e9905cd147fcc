using GridSearch.Domain.Trials;
using Npgsql;

namespace GridSearch.Core.CrossValidation;

/// <summary>Reads the cross-validations (<see cref="FoldEvaluation"/>) of one search, or of all searches
/// (optionally of one dataset), in one statement: the fold trials joined to their source trial.</summary>
public sealed class EvaluationQuery(NpgsqlDataSource dataSource)
{
    private const string Select = """
        SELECT f.fold_of, (f.config->>'folds')::int, (f.config->>'fold')::int, f.id, f.status,
               CASE WHEN f.status = 'succeeded' AND f.stop_reason IS DISTINCT FROM 'pruned' THEN f.val_accuracy END,
               s.search_id, s.test_accuracy, s.test_loss, s.val_accuracy, s.val_loss, s.config::text, s.grid_point::text
        FROM trials f JOIN trials s ON s.id = f.fold_of
        """;

    // Each statement is made of these constants alone; user input travels as parameters.
    private const string OfSearch = $"{Select} WHERE f.search_id = @search {Order}";
    private const string OfAll = $"{Select} WHERE f.fold_of IS NOT NULL {Order}";
    private const string OfDataset = $"{Select} JOIN searches x ON x.id = f.search_id WHERE x.dataset = @dataset AND f.fold_of IS NOT NULL {Order}";
    private const string Order = "ORDER BY f.fold_of, 2, 3";

    public Task<IReadOnlyList<FoldEvaluation>> ForSearchAsync(long searchId, CancellationToken ct) =>
        ReadAsync(OfSearch, new NpgsqlParameter("search", searchId), ct);

    /// <param name="dataset">Only searches of this dataset; null for all searches.</param>
    public Task<IReadOnlyList<FoldEvaluation>> AcrossSearchesAsync(string? dataset, CancellationToken ct) =>
        dataset is null ? ReadAsync(OfAll, null, ct) : ReadAsync(OfDataset, new NpgsqlParameter("dataset", dataset), ct);

    private async Task<IReadOnlyList<FoldEvaluation>> ReadAsync(string sql, NpgsqlParameter? filter, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (filter is not null)
        {
            command.Parameters.Add(filter);
        }

        var evaluations = new List<FoldEvaluation>();
        FoldEvaluation? current = null;
        var folds = new List<FoldResult>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (source, k) = (reader.GetInt64(0), reader.GetInt32(1));
            if (current is null || current.SourceTrialId != source || current.Folds != k)
            {
                folds = [];
                current = new FoldEvaluation(
                    source,
                    reader.GetInt64(6),
                    k,
                    folds,
                    reader.IsDBNull(7) ? null : reader.GetDouble(7),
                    reader.IsDBNull(8) ? null : reader.GetDouble(8),
                    reader.IsDBNull(9) ? null : reader.GetDouble(9),
                    reader.IsDBNull(10) ? null : reader.GetDouble(10),
                    reader.GetString(11),
                    reader.GetString(12));
                evaluations.Add(current);
            }

            folds.Add(new FoldResult(
                reader.GetInt32(2),
                reader.GetInt64(3),
                Enum.Parse<TrialStatus>(reader.GetString(4), ignoreCase: true),
                reader.IsDBNull(5) ? null : reader.GetDouble(5)));
        }

        return evaluations;
    }
}
