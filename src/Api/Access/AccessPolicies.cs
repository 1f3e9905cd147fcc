using GridSearch.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GridSearch.Api.Access;

/// <summary>One authorization policy per <see cref="AccessOperation"/>; endpoints name theirs with
/// <see cref="RequireAccess"/>. Reads are the fallback: an endpoint that names none (and is not
/// AllowAnonymous) needs read access.</summary>
public static class AccessPolicies
{
    /// <summary>Authentication and the policies; <see cref="AccessOptions"/> are bound with the core services.</summary>
    public static void AddAccess(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, AccessRequirementHandler>();
        var policies = services.AddAuthorizationBuilder().SetFallbackPolicy(Policy(AccessOperation.Read));
        foreach (var operation in Enum.GetValues<AccessOperation>())
        {
            policies.AddPolicy(PolicyName(operation), Policy(operation));
        }
    }

    /// <summary>The endpoint needs a key allowed <paramref name="operation"/> (once any key exists).</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder endpoint, AccessOperation operation)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(PolicyName(operation));

    /// <summary>Swagger UI's Authorize button: the bearer scheme, on every operation.</summary>
    public static void AddBearerScheme(this SwaggerGenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (gs_…): `gridsearch keys create` or POST /api/keys. Not needed while the service has no keys.",
        });
        options.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
    }

    // Anonymous callers reach the requirement handler (it decides whether they may): no
    // RequireAuthenticatedUser here.
    private static string PolicyName(AccessOperation operation) => operation.ToString();

    private static AuthorizationPolicy Policy(AccessOperation operation) =>
        new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).AddRequirements(new AccessRequirement(operation)).Build();
}
