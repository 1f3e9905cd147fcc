using GridSearch.Core.Access;

namespace GridSearch.Api.Keys;

/// <summary>A key as listed: never its secret nor the secret's hash.</summary>
public sealed record ApiKeyResponse(long Id, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ApiKeyResponse(key.Id, key.Name, ApiKeyScopeNames.Of(key.Scope), key.CreatedAt, key.RevokedAt);
    }
}
