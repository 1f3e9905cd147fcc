namespace GridSearch.Contracts.Analysis;

/// <summary>A search's optimization history by <see cref="Metric"/> (GET /api/searches/{id}/history): its succeeded
/// trials in the order they finished, each with the best so far.</summary>
public sealed record HistoryResponse(long SearchId, string Metric, bool HigherIsBetter, IReadOnlyList<HistoryPointResponse> Trials);
