namespace GridSearch.Contracts.Models;

/// <summary>Images to classify: each one 28×28 pixels, row-major, in [0, 1].</summary>
public sealed record PredictRequest(IReadOnlyList<float[]>? Images);
