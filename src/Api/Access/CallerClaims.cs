using System.Globalization;
using System.Security.Claims;
using GridSearch.Core.Access;

namespace GridSearch.Api.Access;

/// <summary>The claims an authenticated key carries, and the <see cref="Caller"/> they stand for.</summary>
public static class CallerClaims
{
    public static ClaimsPrincipal Principal(ApiKey key, string scheme)
    {
        ArgumentNullException.ThrowIfNull(key);
        var identity = new ClaimsIdentity(
            [
                new Claim(KeyId, key.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(Scope, ApiKeyScopeNames.Of(key.Scope)),
            ],
            scheme);
        return new ClaimsPrincipal(identity);
    }

    public static Caller Caller(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true
            && long.TryParse(user.FindFirstValue(KeyId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && ApiKeyScopeNames.TryParse(user.FindFirstValue(Scope), out var scope)
                ? Core.Access.Caller.Key(id, scope)
                : Core.Access.Caller.Anonymous;
    }

    // The claim types, named in the service's own namespace so they never clash with a framework's.
    public const string KeyId = "gridsearch:key_id";
    public const string Scope = "gridsearch:scope";
}
