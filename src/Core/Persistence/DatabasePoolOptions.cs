namespace GridSearch.Core.Persistence;

/// <summary>
/// The API's share of PostgreSQL's connections (its Npgsql pool), bound from the <c>Database</c> section and
/// checked at start. The budget the server must hold is
/// <c>max_connections &gt;= MaxPoolSize + workers × (slots + 1) + headroom</c> (each worker process takes
/// <see cref="GridSearchDataSource.WorkerProcessConnections"/>: see docs/load.md). A request that finds every
/// pooled connection busy waits in the pool, never at PostgreSQL's door; past <see cref="PoolWaitSeconds"/>
/// it is answered 503 with Retry-After (<see cref="ConnectionBudget"/>).
/// </summary>
public sealed class DatabasePoolOptions
{
    public const string Section = "Database";

    /// <summary>The change listener holds one connection for as long as it listens; requests need another.</summary>
    public const int MinPoolSize = 2;

    public const int MaxPoolSizeLimit = 1000;

    /// <summary>Npgsql's largest Timeout.</summary>
    public const int MaxPoolWaitSeconds = 1024;

    /// <summary>The most connections the API opens at once, the change listener's one included. PostgreSQL's
    /// default max_connections is 100: 20 leaves room for many workers.</summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>How long a request waits for a pooled connection (and for a new one to open) before it is
    /// answered 503. Whole seconds: Npgsql's Timeout.</summary>
    public int PoolWaitSeconds { get; set; } = 2;
}
