namespace GridSearch.Contracts.Analysis;

/// <summary>GET /api/searches/{id}/analysis: the varying axes, most important first, and the Pareto front.
/// <see cref="ImportanceBasis"/> says whether each importance is exact (the whole grid succeeded) or estimated.
/// <see cref="Configurations"/>: the grid points with a finished trial (their trials are their repeats).
/// <see cref="NoiseFloor"/>: of the variance of all finished repeats' values, the share within configurations
/// (between repeats of one configuration: what the seed alone moves), null when no configuration has two
/// finished repeats; <see cref="NoiseFloorBasis"/> says it in words. <see cref="PrunedTrials"/> and
/// <see cref="FoldTrials"/>: succeeded trials left out as pruned, and cross-validation fold trials.</summary>
public sealed record AnalysisResponse(
    long SearchId, string Metric, int Trials, int GridTrials, bool FullGrid, string ImportanceBasis,
    IReadOnlyList<AxisAnalysisResponse> Axes, IReadOnlyList<ParetoPointResponse> Pareto,
    int Configurations = 0, double? NoiseFloor = null, string? NoiseFloorBasis = null, int PrunedTrials = 0, int FoldTrials = 0);
