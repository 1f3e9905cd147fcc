using GridSearch.Domain.Definition;

namespace GridSearch.Core.Access;

/// <summary>A new key with its secret (shown this once, never stored), or the errors (and nothing written).</summary>
public sealed record ApiKeyCreation(ApiKey? Key, string? Secret, ValidationErrors Errors)
{
    public bool IsValid => Key is not null;
}
