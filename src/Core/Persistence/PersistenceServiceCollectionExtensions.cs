using GridSearch.Core.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GridSearch.Core.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers one pooled Npgsql data source, shared by EF Core and the queue's SQL.</summary>
    public static IServiceCollection AddGridSearchPersistence(this IServiceCollection services, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        services.AddSingleton(dataSource);
        services.AddDbContext<GridSearchDbContext>(options => Configure(options, dataSource));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TrialQueue>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(GridSearchDbContext.MigrationsAssembly))
            // Migrations are hand-written (no design-time package here, so no model snapshot);
            // a test compares the migrated schema with the model instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
