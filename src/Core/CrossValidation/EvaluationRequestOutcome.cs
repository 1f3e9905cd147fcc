using GridSearch.Domain.Definition;

namespace GridSearch.Core.CrossValidation;

/// <summary>What an evaluate request did: queued fold trials (<see cref="Queued"/>, none when every fold
/// was queued before), or why not: bad input (<see cref="Errors"/>), no such search, or a search that
/// takes no evaluation (<see cref="Conflict"/>, in words). Nothing is written unless it queued.</summary>
public sealed record EvaluationRequestOutcome(
    ValidationErrors Errors,
    bool SearchFound,
    string? Conflict,
    int Queued,
    IReadOnlyList<FoldEvaluation> Evaluations)
{
    public static EvaluationRequestOutcome Invalid(ValidationErrors errors) => new(errors, true, null, 0, []);

    public static EvaluationRequestOutcome NotFound(ValidationErrors errors) => new(errors, false, null, 0, []);

    public static EvaluationRequestOutcome Refused(ValidationErrors errors, string why) => new(errors, true, why, 0, []);
}
