namespace GridSearch.Core.Access;

/// <summary>An API key as stored: its name, scope and the SHA-256 of its secret, never the secret itself.
/// Keys are revoked, not deleted, so searches keep naming the key that submitted them.</summary>
public sealed class ApiKey
{
    public long Id { get; private set; }
    public required string Name { get; init; }
    public ApiKeyScope Scope { get; init; }
    public required byte[] SecretHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
