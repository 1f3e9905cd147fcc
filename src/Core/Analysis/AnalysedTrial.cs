namespace GridSearch.Core.Analysis;

/// <summary>A succeeded trial as the analysis reads it: its grid point (JSON, as the user wrote it), the
/// metric analysed, and the two costs the Pareto front weighs against test accuracy.</summary>
public sealed record AnalysedTrial(long TrialId, string GridPointJson, double Metric, double TestAccuracy, long? ParameterCount, double TrainingSeconds);
