using Npgsql;

namespace GridSearch.Core.Models;

/// <summary>
/// Which kept models outlive their search: once no trial of the search is queued or running, its models
/// outside the best <c>keep</c> (by test accuracy, then test loss, then id: the leaderboard's order) are
/// deleted unless pinned; keep 0 keeps all. Run after every statement that may end a search (a trial's
/// completion, failure or cancellation, a cancel, an unpin), in its transaction; until then it deletes nothing.
/// </summary>
internal static class ModelRetention
{
    private const string PruneSql = """
        DELETE FROM trial_models m USING trials t
        WHERE @keep > 0 AND m.trial_id = t.id AND t.search_id = @search AND NOT m.pinned
          AND NOT EXISTS (SELECT 1 FROM trials u WHERE u.search_id = @search AND u.status IN ('queued', 'running'))
          AND m.trial_id NOT IN (
              SELECT b.id FROM trials b JOIN trial_models k ON k.trial_id = b.id
              WHERE b.search_id = @search
              ORDER BY b.test_accuracy DESC NULLS LAST, b.test_loss ASC NULLS LAST, b.id
              LIMIT @keep)
        """;

    public static NpgsqlBatchCommand Prune(long searchId, int keep) =>
        new(PruneSql) { Parameters = { new("search", searchId), new("keep", keep) } };
}
