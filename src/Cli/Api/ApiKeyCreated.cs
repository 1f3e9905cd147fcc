namespace GridSearch.Cli.Api;

/// <summary>A new key with its secret, as POST /api/keys answers (the only time the secret is shown).</summary>
internal sealed record ApiKeyCreated(long Id, string Name, string Scope, DateTimeOffset CreatedAt, string Secret);
