namespace GridSearch.Core.Access;

/// <summary>Scopes as the API and the CLI spell them: read, submit, admin.</summary>
public static class ApiKeyScopeNames
{
    public static readonly IReadOnlyList<string> All = ["read", "submit", "admin"];

    public static string Of(ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.Read => "read",
        ApiKeyScope.Submit => "submit",
        ApiKeyScope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public static bool TryParse(string? name, out ApiKeyScope scope)
    {
        switch (name)
        {
            case "read": scope = ApiKeyScope.Read; return true;
            case "submit": scope = ApiKeyScope.Submit; return true;
            case "admin": scope = ApiKeyScope.Admin; return true;
            default: scope = default; return false;
        }
    }
}
