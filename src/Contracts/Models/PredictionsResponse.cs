namespace GridSearch.Contracts.Models;

/// <summary>The predictions, in the order of the images.</summary>
public sealed record PredictionsResponse(IReadOnlyList<PredictionResponse> Predictions);
