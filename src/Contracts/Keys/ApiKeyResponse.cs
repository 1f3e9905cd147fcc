namespace GridSearch.Contracts.Keys;

/// <summary>A key as listed: never its secret nor the secret's hash.</summary>
public sealed record ApiKeyResponse(long Id, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
