using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace GridSearch.Api.Health;

public static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: the database answers and is migrated.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }
}
