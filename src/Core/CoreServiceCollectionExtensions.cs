using GridSearch.Core.Leaderboard;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GridSearch.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers persistence, the queue and the search rules over one pooled Npgsql data
    /// source, shared by EF Core and the queue's SQL.</summary>
    public static IServiceCollection AddGridSearchCore(this IServiceCollection services, string connectionString, SearchLimits? limits = null)
    {
        limits ??= new SearchLimits();
        var dataSource = GridSearchDataSource.Create(connectionString);
        services.AddSingleton(dataSource);
        services.AddDbContext<GridSearchDbContext>(options => ConfigureDbContext(options, dataSource));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(limits);
        services.AddSingleton(new QueueOptions { MaxAttempts = limits.MaxAttempts });
        services.AddSingleton<TrialQueue>();
        services.AddScoped<LeaderboardQuery>();
        services.AddScoped<SearchService>();
        return services;
    }

    public static void ConfigureDbContext(DbContextOptionsBuilder options, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(GridSearchDbContext.MigrationsAssembly))
            // Migrations are hand-written (no design-time package here, so no model snapshot);
            // a test compares the migrated schema with the model instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>The same over a connection string, for design-time tools that have no data source.</summary>
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(GridSearchDbContext.MigrationsAssembly));
    }
}
