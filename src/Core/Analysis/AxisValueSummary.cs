namespace GridSearch.Core.Analysis;

/// <summary>The metric over the trials that had one value of an axis; <see cref="ValueJson"/> is the value as written.</summary>
public sealed record AxisValueSummary(string ValueJson, int Trials, double Mean, double StandardDeviation, double Best);
