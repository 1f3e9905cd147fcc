using GridSearch.Core.Access;
using GridSearch.Core.Analysis;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Metrics;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace GridSearch.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers persistence, the queue and the search rules over one pooled Npgsql data
    /// source, shared by EF Core and the queue's SQL. The data source logs through the host's logging.</summary>
    public static IServiceCollection AddGridSearchCore(this IServiceCollection services, string connectionString, SearchLimits? limits = null)
    {
        limits ??= new SearchLimits();
        services.AddNpgsqlDataSource(connectionString, GridSearchDataSource.Configure);
        services.AddDbContext<GridSearchDbContext>((provider, options) => ConfigureDbContext(options, provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(limits);
        services.AddSingleton(new QueueOptions { MaxAttempts = limits.MaxAttempts });
        services.AddSingleton<TrialQueue>();
        services.AddScoped<LeaderboardQuery>();
        services.AddScoped<SearchAnalyzer>();
        services.AddScoped<SearchService>();
        services.AddScoped<SearchEvents>();
        services.AddSingleton<ApiKeyPresence>();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<QueueStatisticsQuery>();
        services.AddScoped<AccessGate>();
        services.TryAddSingleton(new AccessOptions());
        return services;
    }

    public static void ConfigureDbContext(DbContextOptionsBuilder options, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(dataSource, Npgsql);
    }

    /// <summary>The same over a connection string, for design-time tools that have no data source.</summary>
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(connectionString, Npgsql);
    }

    private static void Npgsql(NpgsqlDbContextOptionsBuilder npgsql) => npgsql.MigrationsAssembly(GridSearchDbContext.MigrationsAssembly);
}
