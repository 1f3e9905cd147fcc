namespace GridSearch.Contracts.CrossValidation;

/// <summary>POST /api/searches/{id}/evaluate: cross-validate the search's <see cref="Top"/> configurations
/// with <see cref="Folds"/> folds each (the API's defaults when null).</summary>
public sealed record EvaluateRequest(int? Top, int? Folds);
