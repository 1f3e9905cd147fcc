namespace GridSearch.Domain.Analysis;

/// <summary>One finished trial of a search's optimization history: its place in the order trials finished (from 1),
/// what chose it, its value of the metric (null when it has none) and the best value counted so far, this one's
/// included; <paramref name="Pruned"/> trials are shown but not counted.</summary>
public sealed record HistoryStep(int Number, long TrialId, string? ChosenBy, double? Value, double? Best, bool Pruned);
