using GridSearch.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GridSearch.Api.Access;

/// <summary>The authorization policies endpoints name. Reads are the fallback: an endpoint that names
/// no policy (and is not AllowAnonymous) needs read access.</summary>
public static class AccessPolicies
{
    public const string Read = "read";
    public const string Submit = "submit";
    public const string Cancel = "cancel";
    public const string Admin = "admin";

    public static void AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(configuration.GetSection(AccessOptions.Section).Get<AccessOptions>() ?? new AccessOptions());
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, AccessRequirementHandler>();
        var read = Policy(AccessOperation.Read);
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, read)
            .AddPolicy(Submit, Policy(AccessOperation.Submit))
            .AddPolicy(Cancel, Policy(AccessOperation.Cancel))
            .AddPolicy(Admin, Policy(AccessOperation.ManageKeys))
            .SetFallbackPolicy(read);
    }

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
    private static AuthorizationPolicy Policy(AccessOperation operation) =>
        new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).AddRequirements(new AccessRequirement(operation)).Build();
}
