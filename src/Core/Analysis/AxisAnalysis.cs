namespace GridSearch.Core.Analysis;

/// <summary>What one varying axis did: the metric per value (in the order the values first appear in
/// the grid), the Spearman correlation with the configurations' mean metric when every value is a number,
/// and the axis's importance: the share of the variance of the configurations' means its values explain
/// alone (its main effect). <see cref="RepeatShare"/>: the share of the variance of all finished repeats'
/// values its values explain, to weigh against the search's noise floor (<see cref="SearchAnalysis.NoiseFloor"/>);
/// null when no configuration repeated.</summary>
public sealed record AxisAnalysis(string Axis, IReadOnlyList<AxisValueSummary> Values, double? Spearman, double Importance, double? RepeatShare = null);
