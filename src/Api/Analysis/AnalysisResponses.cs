using System.Globalization;
using System.Text.Json;
using GridSearch.Core.Analysis;
using GridSearch.Domain.Leaderboard;

namespace GridSearch.Api.Analysis;

/// <summary>Builds the <see cref="AnalysisResponse"/> contract from a <see cref="SearchAnalysis"/>.</summary>
public static class AnalysisResponses
{
    public static AnalysisResponse From(SearchAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var basis = analysis.FullGrid
            ? "exact: every point of the grid succeeded, so each importance is the axis's main effect in a functional ANOVA of the grid"
            : $"estimated: {analysis.Trials} of the grid's {analysis.GridTrials} points {(analysis.Trials == 1 ? "has" : "have")} a result, so each importance is the share of their variance the axis's values explain";
        return new AnalysisResponse(
            analysis.SearchId,
            LeaderboardMetrics.Name(analysis.Metric),
            analysis.Trials,
            analysis.GridTrials,
            analysis.FullGrid,
            basis,
            [.. analysis.Axes.Select(a => new AxisAnalysisResponse(
                a.Axis,
                [.. a.Values.Select(v => new AxisValueResponse(
                    JsonSerializer.Deserialize<JsonElement>(v.ValueJson), v.Trials, v.Mean, v.StandardDeviation, v.Best, v.BestTrialId, v.Configurations, v.GridTrials, v.HighestMean))],
                a.Spearman,
                a.Importance,
                a.RepeatShare))],
            [.. analysis.Pareto.Select(p => new ParetoPointResponse(p.TrialId, p.TestAccuracy, p.ParameterCount, p.TrainingSeconds, p.OnFront))],
            analysis.Configurations,
            analysis.NoiseFloor,
            NoiseFloorBasis(analysis),
            analysis.PrunedTrials,
            analysis.FoldTrials);
    }

    private static string NoiseFloorBasis(SearchAnalysis analysis) => analysis.NoiseFloor is { } floor
        ? string.Create(CultureInfo.InvariantCulture, $"{floor:0.0%} of the variance of all finished repeats lies between repeats of one configuration (the seed alone); an axis whose share of it is not well above this is not told apart from noise")
        : "unknown: no configuration has two finished repeats (set repeats in the definition to measure it)";
}
