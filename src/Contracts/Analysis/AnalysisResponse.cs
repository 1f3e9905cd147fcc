namespace GridSearch.Contracts.Analysis;

/// <summary>GET /api/searches/{id}/analysis: the varying axes, most important first, and the Pareto front.
/// <see cref="ImportanceBasis"/> says whether each importance is exact (the whole grid succeeded) or estimated.</summary>
public sealed record AnalysisResponse(
    long SearchId, string Metric, int Trials, int GridTrials, bool FullGrid, string ImportanceBasis,
    IReadOnlyList<AxisAnalysisResponse> Axes, IReadOnlyList<ParetoPointResponse> Pareto);
