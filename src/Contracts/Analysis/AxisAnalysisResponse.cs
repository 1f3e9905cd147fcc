namespace GridSearch.Contracts.Analysis;

/// <summary>One varying axis: the metric per value, Spearman's correlation (numeric axes), and its
/// importance: the share of the metric's variance its values explain alone, 0 to 1.</summary>
public sealed record AxisAnalysisResponse(string Axis, IReadOnlyList<AxisValueResponse> Values, double? Spearman, double Importance);
