namespace GridSearch.Contracts.CrossValidation;

/// <summary>What an evaluate request queued (<see cref="Queued"/> fold trials: none when all were queued
/// before), and the evaluations it asked for as they stand.</summary>
public sealed record EvaluateResponse(long SearchId, int Queued, IReadOnlyList<EvaluationResponse> Evaluations);
