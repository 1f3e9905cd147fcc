using Npgsql;

namespace GridSearch.Core.Persistence;

/// <summary>The one place the services' Npgsql data source is configured: the API registers it with
/// AddNpgsqlDataSource (see <see cref="CoreServiceCollectionExtensions"/>), the workers build it here.</summary>
public static class GridSearchDataSource
{
    /// <summary>A pooled data source for the workers and tools that have no service container.</summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        Configure(builder);
        return builder.Build();
    }

    public static void Configure(NpgsqlDataSourceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The queue and the leaderboard run the same few statements all day: preparing them
        // roughly doubled claims per second (bench/QueueBench).
        builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
    }
}
