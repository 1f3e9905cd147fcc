using Npgsql;

namespace GridSearch.Core.Persistence;

/// <summary>The one place the services' Npgsql data source is configured: the API registers it with
/// AddNpgsqlDataSource (see <see cref="CoreServiceCollectionExtensions"/>), the workers build it here.</summary>
public static class GridSearchDataSource
{
    /// <summary>
    /// The connections one worker process (its supervisor, or one slot) holds at most: a slot does one thing at
    /// a time with the database (claims, waits for work, writes an epoch, heartbeats its lease), and what runs
    /// beside it (the heartbeat, the lease sweep) waits a moment in the pool. So a worker with S slots takes
    /// S + 1 connections, the figure of the budget <c>max_connections &gt;= API pool + workers × (slots + 1) + headroom</c>.
    /// </summary>
    public const int WorkerProcessConnections = 1;

    /// <summary>A pooled data source for tools and tests that have no service container.</summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        Configure(builder);
        return builder.Build();
    }

    /// <summary>
    /// A worker process's data source: <see cref="WorkerProcessConnections"/> connections, and a pool wait
    /// longer than the longest a slot holds its connection (the wait for work, <paramref name="longestHold"/>),
    /// so what queues behind it waits rather than fails.
    /// </summary>
    public static NpgsqlDataSource CreateForWorker(string connectionString, TimeSpan longestHold)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        Configure(builder);
        builder.ConnectionStringBuilder.MaxPoolSize = WorkerProcessConnections;
        builder.ConnectionStringBuilder.MinPoolSize = 0;
        builder.ConnectionStringBuilder.Timeout = Math.Max(builder.ConnectionStringBuilder.Timeout, (int)Math.Ceiling(longestHold.TotalSeconds) + 15);
        return builder.Build();
    }

    public static void Configure(NpgsqlDataSourceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The queue and the leaderboard run the same few statements all day: preparing them
        // roughly doubled claims per second (bench/QueueBench).
        builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
    }

    /// <summary>The API's data source: bounded by <paramref name="pool"/> (which overrides a pool size or
    /// timeout in the connection string, so the budget has one source).</summary>
    public static void Configure(NpgsqlDataSourceBuilder builder, DatabasePoolOptions pool)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(pool);
        Configure(builder);
        builder.ConnectionStringBuilder.MaxPoolSize = pool.MaxPoolSize;
        builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, pool.MaxPoolSize);
        builder.ConnectionStringBuilder.Timeout = pool.PoolWaitSeconds;
    }
}
