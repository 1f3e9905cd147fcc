namespace GridSearch.Core.Analysis;

/// <summary>A trial placed by test accuracy (higher is better), parameter count and training seconds
/// (lower are better); <see cref="OnFront"/> when no other trial is at least as good on all three and
/// better on one.</summary>
public sealed record ParetoPoint(long TrialId, double TestAccuracy, long ParameterCount, double TrainingSeconds, bool OnFront);
