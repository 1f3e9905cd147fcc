using Npgsql;

namespace GridSearch.Core.Persistence;

public static class GridSearchDataSource
{
    /// <summary>A pooled data source for the API and the workers alike.</summary>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The queue and the leaderboard run the same few statements all day: preparing them
        // roughly doubled claims per second (bench/QueueBench).
        builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        return builder.Build();
    }
}
