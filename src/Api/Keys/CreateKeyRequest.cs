namespace GridSearch.Api.Keys;

/// <summary>The body of POST /api/keys, for the API's description (the handler reads the JSON itself,
/// to name each bad field).</summary>
public sealed record CreateKeyRequest(string Name, string Scope);
