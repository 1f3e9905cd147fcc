namespace GridSearch.Core.Access;

/// <summary>An API key as stored: its name, scope and the SHA-256 of its secret, never the secret itself.
/// Keys are revoked, not deleted, so searches keep naming the key that submitted them.</summary>
public sealed class ApiKey
{
    private ApiKey() { }

    public ApiKey(string name, ApiKeyScope scope, byte[] secretHash, DateTimeOffset now)
    {
        Name = name;
        Scope = scope;
        SecretHash = secretHash;
        CreatedAt = now;
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public ApiKeyScope Scope { get; private set; }
    public byte[] SecretHash { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
