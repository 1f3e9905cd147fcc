using System.Linq.Expressions;
using GridSearch.Domain.Definition;

namespace GridSearch.Core.Search;

/// <summary>
/// A definition submitted again answers with the search it made before instead of queuing the same trials
/// twice (each would be the result cache's copy anyway). The earlier search answers when its definition has
/// the same <see cref="DefinitionHash"/>, the same API key submitted it (or none did, on an open service),
/// so nobody is handed a search they may not cancel, and it was not cancelled: a cancelled search was given
/// up, and submitting its definition again means running it. Of several, the newest answers. A submission
/// that asks for a new search (the API's <c>?new=true</c>, the CLI's <c>--new</c>) always makes one.
/// </summary>
public static class DuplicateRule
{
    /// <summary>Whether a stored search answers a submission of the definition with <paramref name="hash"/>
    /// by <paramref name="submittedByKeyId"/>; a query PostgreSQL runs, over ix_searches_definition_hash.</summary>
    public static Expression<Func<Search, bool>> Answers(string hash, long? submittedByKeyId) =>
        s => s.DefinitionHash == hash && s.SubmittedByKeyId == submittedByKeyId && s.CancelledAt == null;
}
