using System.Text.Json;
using System.Text.Json.Serialization;
using GridSearch.Api.Access;
using GridSearch.Api.Dashboard;
using GridSearch.Api.Health;
using GridSearch.Api.Metrics;
using GridSearch.Api.Models;
using GridSearch.Api.OpenApi;
using GridSearch.Api.Snapshots;
using GridSearch.Core;
using GridSearch.Core.Persistence;
using Serilog;
using Serilog.Events;

namespace GridSearch.Api.Hosting;

public static class ApplicationServiceExtensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Quiet framework chatter by default (the content root may hold no appsettings.json);
        // the Serilog section of the configuration overrides these. Each request is logged once,
        // by UseSerilogRequestLogging, and Npgsql logs through this too (AddNpgsqlDataSource).
        builder.Services.AddSerilog(
            (services, logger) => logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                // Npgsql logs every command at Information.
                .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"),
            // Test hosts run side by side in one process: none of them owns the static Log.Logger.
            preserveStaticLogger: true);

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddAccess();
        services.AddGridSearchCore(
            DatabaseSettings.ConnectionString(configuration[DatabaseSettings.EnvironmentVariable], configuration.GetConnectionString("GridSearch")));

        // Event streams and the hot reads re-read a search once when the queue says it changed, for all of
        // them, or poll where they cannot hear it.
        var streams = configuration.GetSection(EventStreamOptions.Section).Get<EventStreamOptions>() ?? new EventStreamOptions();
        services.AddSingleton(streams);
        services.AddSingleton<SearchSnapshots>();
        services.AddSingleton<SearchChangeHub>();
        services.AddSingleton<OnnxPredictor>();
        if (streams.ListenForChanges)
        {
            services.AddHostedService<QueueChangeListener>();
        }

        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRequestRateLimits();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ConnectionBudgetExceptionHandler>();
        services.AddExceptionHandler<DatabaseOutageExceptionHandler>();
        // Binding failures throw in every environment, so BadRequestExceptionHandler names the parameter.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // A diverged trial's losses are NaN or infinite: write them as "NaN"/"Infinity".
            options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddGridSearchMetrics(configuration);
        services.AddApiDocument();
        services.AddHealthChecks()
            .AddDbContextCheck<GridSearchDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsAppliedHealthCheck>("migrations", tags: ["ready"]);
    }

    public static void UseApplicationPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSerilogRequestLogging(options =>
        {
            // The host's logger: the static one stays silent (preserveStaticLogger above).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = RequestLogLevel;
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
        // The dashboard's files and the API's description are public: the dashboard asks for a key
        // when the API answers 401.
        app.UseDashboardFiles();
        app.UseApiDocument();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
    }

    /// <summary>Health probes arrive every few seconds, polled reads (<see cref="PolledRead"/>) many times a
    /// second: logged only at Debug unless they fail.</summary>
    private static LogEventLevel RequestLogLevel(HttpContext http, double elapsedMs, Exception? error) =>
        error is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : http.Request.Path.StartsWithSegments("/health") || http.GetEndpoint()?.Metadata.GetMetadata<PolledRead>() is not null ? LogEventLevel.Debug
        : LogEventLevel.Information;
}
