namespace GridSearch.Core.Access;

/// <summary>Who sent a request: an API key (its id and scope), or nobody (no Authorization header).</summary>
public sealed record Caller(long? KeyId, ApiKeyScope? Scope)
{
    public static readonly Caller Anonymous = new(null, null);

    public bool IsAnonymous => KeyId is null;

    public static Caller Key(long id, ApiKeyScope scope) => new(id, scope);
}
