namespace GridSearch.Core.Search;

/// <summary>The answer to a submitted definition: a new search, the earlier search for the same
/// idempotency key, or the validation errors (and then nothing was written).</summary>
public sealed record SearchSubmission(Search? Search, bool Replayed, ValidationErrors Errors)
{
    public bool IsValid => Search is not null;
}
