namespace GridSearch.Contracts.Analysis;

/// <summary>One finished trial of a search's optimization history: its place in the order trials finished (from 1),
/// the strategy that chose it, its value of the metric, and the best value so far; a pruned trial is shown but does
/// not count toward the best (it was not trained to the end).</summary>
public sealed record HistoryPointResponse(int Number, long TrialId, string? ChosenBy, double? Value, double? Best, bool Pruned);
