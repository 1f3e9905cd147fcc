namespace GridSearch.Contracts.Models;

/// <summary>The predictions, in the order of the images, and the warnings about any of them (empty when none).</summary>
public sealed record PredictionsResponse(IReadOnlyList<PredictionResponse> Predictions, IReadOnlyList<PredictionWarningResponse> Warnings);
