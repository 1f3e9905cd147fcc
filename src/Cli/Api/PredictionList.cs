namespace GridSearch.Cli.Api;

/// <summary>POST /api/trials/{id}/predict's answer, one prediction per image in order.</summary>
internal sealed record PredictionList(IReadOnlyList<Prediction> Predictions);
