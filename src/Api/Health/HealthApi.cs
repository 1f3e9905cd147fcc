using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace GridSearch.Api.Health;

public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: the database answers and is migrated. Open without a key:
        // probes (Docker, Kubernetes) carry none, and the answers reveal nothing.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}
