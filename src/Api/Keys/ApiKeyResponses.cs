using GridSearch.Core.Access;

namespace GridSearch.Api.Keys;

/// <summary>Builds the <see cref="ApiKeyResponse"/> contract: never the secret nor its hash.</summary>
public static class ApiKeyResponses
{
    public static ApiKeyResponse From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ApiKeyResponse(key.Id, key.Name, ApiKeyScopeNames.Of(key.Scope), key.CreatedAt, key.RevokedAt);
    }
}
