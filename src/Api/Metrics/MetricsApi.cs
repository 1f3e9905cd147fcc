using OpenTelemetry.Metrics;

namespace GridSearch.Api.Metrics;

/// <summary>OpenTelemetry metrics, exposed for Prometheus at /metrics (a read key once keys are required).</summary>
public static class MetricsApi
{
    public static void AddGridSearchMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        services.AddSingleton<GridSearchMetrics>();
        services.AddHostedService<MetricsPoller>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GridSearchMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.RateLimiting")
            .AddView("gridsearch.epoch.duration", new ExplicitBucketHistogramConfiguration { Boundaries = GridSearchMetrics.EpochBuckets })
            .AddPrometheusExporter());
    }

    public static void MapMetricsApi(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").WithTags("Metrics");
}
