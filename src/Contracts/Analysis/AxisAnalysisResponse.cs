namespace GridSearch.Contracts.Analysis;

/// <summary>One varying axis: the metric per value, Spearman's correlation (numeric axes), and its
/// importance: the share of the variance of the configurations' means its values explain alone, 0 to 1.
/// <see cref="RepeatShare"/>: the share of the variance of all finished repeats' values its values explain,
/// to set against the search's noise floor; null when no configuration repeated.</summary>
public sealed record AxisAnalysisResponse(string Axis, IReadOnlyList<AxisValueResponse> Values, double? Spearman, double Importance, double? RepeatShare = null);
