namespace GridSearch.Cli.Api;

/// <summary>A key as GET /api/keys lists it.</summary>
internal sealed record ApiKeyInfo(long Id, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
