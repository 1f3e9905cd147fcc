using GridSearch.Domain.Definition;
namespace GridSearch.Core.Search;

/// <summary>The answer to a submitted definition: a new search, the earlier search for the same
/// idempotency key or the same definition, the validation errors, or a key reused with another definition (and then nothing
/// was written).</summary>
public sealed record SearchSubmission(Search? Search, bool Replayed, ValidationErrors Errors)
{
    public bool IsValid => Search is not null;

    /// <summary>The idempotency key was used before with another definition.</summary>
    public bool KeyReusedWithOtherBody { get; init; }

    /// <summary>The search is an earlier one with the same definition (<see cref="DuplicateRule"/>); nothing was written.</summary>
    public bool Duplicate { get; init; }

    /// <summary>How many of a new search's trials the result cache answered at once (recorded succeeded).</summary>
    public int Cached { get; init; }
}
