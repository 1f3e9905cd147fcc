using GridSearch.Domain.Leaderboard;

namespace GridSearch.Core.Analysis;

/// <summary>
/// A search explained from its succeeded trials: per varying axis, most important first, and the Pareto
/// front. <see cref="FullGrid"/> says whether every point of the grid succeeded: then each importance is
/// the exact main effect of a functional ANOVA over the grid; otherwise it is estimated from the trials
/// there are (a random sample, or a grid with gaps), as the between-value share of their variance.
/// Importances are of the configurations' means (a configuration: a grid point, its trials its repeats).
/// <see cref="NoiseFloor"/>: of the variance of all finished repeats' values, the share within
/// configurations (between repeats of one configuration, i.e. what the seed alone moves); an axis whose
/// <see cref="AxisAnalysis.RepeatShare"/> is not well above it is not told apart from noise. Null when no
/// configuration has two finished repeats: then the noise is unknown. <see cref="PrunedTrials"/> and
/// <see cref="FoldTrials"/> count the succeeded trials left out (stopped early by the pruner) and the
/// cross-validation folds (no grid points).
/// </summary>
public sealed record SearchAnalysis(
    long SearchId,
    LeaderboardMetric Metric,
    int Trials,
    int GridTrials,
    bool FullGrid,
    IReadOnlyList<AxisAnalysis> Axes,
    IReadOnlyList<ParetoPoint> Pareto)
{
    public int Configurations { get; init; }

    public double? NoiseFloor { get; init; }

    public int PrunedTrials { get; init; }

    public int FoldTrials { get; init; }
}
