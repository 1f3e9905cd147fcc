namespace GridSearch.Core.Analysis;

/// <summary>What one varying axis did: the metric per value (in the order the values first appear in
/// the grid), the Spearman correlation with the metric when every value is a number, and the axis's
/// importance: the share of the metric's variance its values explain alone (its main effect).</summary>
public sealed record AxisAnalysis(string Axis, IReadOnlyList<AxisValueSummary> Values, double? Spearman, double Importance);
