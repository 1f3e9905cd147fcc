using System.Text.Json;

namespace GridSearch.Contracts.Analysis;

/// <summary>The metric over the trials with one value of an axis (the value as the search wrote it).</summary>
public sealed record AxisValueResponse(JsonElement Value, int Trials, double Mean, double StandardDeviation, double Best);
