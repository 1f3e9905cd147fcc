namespace GridSearch.Contracts.Keys;

/// <summary>A new key with its secret: the only time the secret is ever shown.</summary>
public sealed record ApiKeyCreatedResponse(long Id, string Name, string Scope, DateTimeOffset CreatedAt, string Secret);
