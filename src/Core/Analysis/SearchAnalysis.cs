using GridSearch.Domain.Leaderboard;

namespace GridSearch.Core.Analysis;

/// <summary>
/// A search explained from its succeeded trials: per varying axis, most important first, and the Pareto
/// front. <see cref="FullGrid"/> says whether every point of the grid succeeded: then each importance is
/// the exact main effect of a functional ANOVA over the grid; otherwise it is estimated from the trials
/// there are (a random sample, or a grid with gaps), as the between-value share of their variance.
/// </summary>
public sealed record SearchAnalysis(
    long SearchId,
    LeaderboardMetric Metric,
    int Trials,
    int GridTrials,
    bool FullGrid,
    IReadOnlyList<AxisAnalysis> Axes,
    IReadOnlyList<ParetoPoint> Pareto);
