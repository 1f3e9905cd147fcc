namespace GridSearch.Contracts.Analysis;

/// <summary>A trial by test accuracy, parameter count and training seconds; on the front when no other
/// trial is at least as good on all three and better on one.</summary>
public sealed record ParetoPointResponse(long TrialId, double TestAccuracy, long ParameterCount, double TrainingSeconds, bool OnFront);
