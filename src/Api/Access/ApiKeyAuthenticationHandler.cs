using System.Text.Encodings.Web;
using GridSearch.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c>. Browsers' EventSource cannot set headers, and a
/// download link cannot either, so GETs of the event streams and exports may pass the key as an
/// <c>access_token</c> query parameter instead (RFC 6750 §2.3); nowhere else. Challenges and refusals
/// answer with ProblemDetails.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AccessTokenParameter = "access_token";

    private const string BadHeader = "The Authorization header must be 'Bearer <key>'.";
    private const string UnknownKey = "The API key is unknown or revoked.";

    /// <summary>Whether the request carries a credential at all (valid or not): a refused one is never
    /// treated as no credential, even where anonymous requests are allowed.</summary>
    public static bool PresentsCredential(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.Count > 0 || (AcceptsQueryToken(request) && request.Query.ContainsKey(AccessTokenParameter));
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? secret;
        if (Request.Headers.Authorization is { Count: > 0 } header)
        {
            var value = header.Count == 1 ? header[0] : null;
            if (value is null || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || value.Length <= 7)
            {
                return AuthenticateResult.Fail(BadHeader);
            }

            secret = value[7..].Trim();
        }
        else if (AcceptsQueryToken(Request) && Request.Query.TryGetValue(AccessTokenParameter, out var token))
        {
            secret = token.Count == 1 ? token[0] : null;
        }
        else
        {
            return AuthenticateResult.NoResult();
        }

        if (string.IsNullOrEmpty(secret))
        {
            return AuthenticateResult.Fail(BadHeader);
        }

        var keys = Context.RequestServices.GetRequiredService<ApiKeyService>();
        var key = await keys.AuthenticateAsync(secret, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail(UnknownKey)
            : AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.Principal(key, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "An API key is required.",
            result.Failure?.Message ?? "Send 'Authorization: Bearer <key>'; an admin creates keys with POST /api/keys or `gridsearch keys create`.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "This API key's scope does not allow this.", $"The key's scope is '{Context.User.FindFirst(CallerClaims.Scope)?.Value}'.");
    }

    private static bool AcceptsQueryToken(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.StartsWithSegments("/api")
        && (request.Path.Value!.EndsWith("/events", StringComparison.Ordinal) || request.Path.Value.EndsWith("/export", StringComparison.Ordinal));

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
