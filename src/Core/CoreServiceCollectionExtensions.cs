using GridSearch.Core.Access;
using GridSearch.Core.Analysis;
using GridSearch.Core.CrossValidation;
using GridSearch.Core.Estimates;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Metrics;
using GridSearch.Core.Models;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Core.Workers;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Definition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace GridSearch.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers persistence, the queue and the search rules over one pooled Npgsql data
    /// source, shared by EF Core and the queue's SQL, bounded by <see cref="DatabasePoolOptions"/>. The data
    /// source logs through the host's logging. Their settings are bound from the host's configuration and
    /// checked at start.</summary>
    public static IServiceCollection AddGridSearchCore(this IServiceCollection services, string connectionString)
    {
        services.AddBoundOptions<DatabasePoolOptions>(DatabasePoolOptions.Section)
            .Validate(pool => pool.MaxPoolSize is >= DatabasePoolOptions.MinPoolSize and <= DatabasePoolOptions.MaxPoolSizeLimit,
                $"{DatabasePoolOptions.Section}:{nameof(DatabasePoolOptions.MaxPoolSize)} must be {DatabasePoolOptions.MinPoolSize} to {DatabasePoolOptions.MaxPoolSizeLimit}: the change listener holds one connection, requests need another.")
            .Validate(pool => pool.PoolWaitSeconds is >= 1 and <= DatabasePoolOptions.MaxPoolWaitSeconds,
                $"{DatabasePoolOptions.Section}:{nameof(DatabasePoolOptions.PoolWaitSeconds)} must be 1 to {DatabasePoolOptions.MaxPoolWaitSeconds} (whole seconds).");
        services.AddNpgsqlDataSource(
            connectionString,
            (provider, builder) => GridSearchDataSource.Configure(builder, provider.GetRequiredService<IOptions<DatabasePoolOptions>>().Value));
        services.AddDbContext<GridSearchDbContext>((provider, options) => ConfigureDbContext(options, provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(TimeProvider.System);
        services.AddQueueOptions();
        services.AddBoundOptions<SearchLimits>(SearchLimits.Section)
            .Validate(limits => limits.MaxTrialsPerSearch >= 1, $"{SearchLimits.Section}:{nameof(SearchLimits.MaxTrialsPerSearch)} must be at least 1.");
        services.AddBoundOptions<AccessOptions>(AccessOptions.Section);
        // One per process: they hold no request's state (the queue, caches, queries over the data source).
        Type[] singletons =
        [
            typeof(TrialQueue), typeof(ResultCache), typeof(QueueNotifications), typeof(ApiKeyPresence), typeof(QueueStatisticsQuery),
            typeof(WorkerRegistry), typeof(EpochRateQuery), typeof(DatasetTestImages), typeof(OptimizationHistoryQuery),
        ];
        // One per request (or scope): they work through that scope's DbContext.
        Type[] scoped =
        [
            typeof(LeaderboardQuery), typeof(Export.ConfigurationExport), typeof(ModelStore), typeof(SearchAnalyzer), typeof(SearchService), typeof(EvaluationQuery),
            typeof(EvaluationService), typeof(SearchEvents), typeof(ApiKeyService), typeof(AccessGate),
        ];
        foreach (var service in singletons)
        {
            services.AddSingleton(service);
        }

        foreach (var service in scoped)
        {
            services.AddScoped(service);
        }

        return services;
    }

    /// <summary><see cref="QueueOptions"/> from the <see cref="QueueOptions.Section"/> section, checked at start: the
    /// one binding the API and the worker share, so both read the same channels, attempts and retention.</summary>
    public static OptionsBuilder<QueueOptions> AddQueueOptions(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueOptions>, QueueOptionsValidation>());
        return services.AddBoundOptions<QueueOptions>(QueueOptions.Section);
    }

    /// <summary>Options bound from <paramref name="section"/> and checked at start; also served as the plain
    /// type, for the services that take it so (the queue, which tests and benches build by hand).</summary>
    private static OptionsBuilder<T> AddBoundOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
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

    // Retrying: a request that meets a dead pooled connection after a PostgreSQL restart tries a fresh one
    // instead of failing (but not one that waited out a full pool: GridSearchRetryStrategy). A transaction
    // the code begins itself must then run inside db.Database.CreateExecutionStrategy().ExecuteAsync (EF
    // refuses it otherwise), as SearchService's does.
    private static void Npgsql(NpgsqlDbContextOptionsBuilder npgsql) => npgsql
        .MigrationsAssembly(GridSearchDbContext.MigrationsAssembly)
        .ExecutionStrategy(dependencies => new GridSearchRetryStrategy(dependencies));
}
