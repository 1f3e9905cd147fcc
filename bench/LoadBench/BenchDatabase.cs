using GridSearch.Core.Persistence;
using Npgsql;

namespace GridSearch.LoadBench;

/// <summary>
/// The bench's database on the local PostgreSQL (GRIDSEARCH_DB, or scripts/pg.sh's), made afresh: owned by a login
/// role of its own that is not a superuser, so the database's CONNECTION LIMIT holds the API and the workers as
/// max_connections holds a whole server (the bench's own superuser connections, which only watch, are not held).
/// </summary>
internal sealed class BenchDatabase
{
    public const string Name = "gridsearch_bench_load";
    private const string Role = "gridsearch_load_bench";

    private readonly NpgsqlConnectionStringBuilder admin;

    private BenchDatabase(NpgsqlConnectionStringBuilder admin, int connectionLimit)
    {
        this.admin = admin;
        ConnectionLimit = connectionLimit;
    }

    /// <summary>The connections the database takes from the service, as a max_connections would.</summary>
    public int ConnectionLimit { get; }

    /// <summary>The service's connection string, named <paramref name="application"/> in pg_stat_activity.</summary>
    public string ConnectionString(string application) => new NpgsqlConnectionStringBuilder(admin.ConnectionString)
    {
        Database = Name, Username = Role, Password = Role, ApplicationName = application, Pooling = true,
    }.ConnectionString;

    /// <summary>A connection string of the superuser, on the bench's database, for watching it.</summary>
    public string WatchConnectionString => new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = Name, Pooling = false, ApplicationName = "load-bench-watch" }.ConnectionString;

    public static async Task<BenchDatabase> CreateAsync(int connectionLimit)
    {
        var admin = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString()) { Database = "postgres", Pooling = false };
        var database = new BenchDatabase(admin, connectionLimit);
        await database.AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await database.AdminAsync($"""
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Role}') THEN
                    CREATE ROLE {Role} LOGIN PASSWORD '{Role}';
                END IF;
                -- The schema's migration grants to the workers' role; making it is a superuser's job.
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gridsearch_worker') THEN
                    CREATE ROLE gridsearch_worker NOLOGIN;
                END IF;
            END $$;
            """);
        await database.AdminAsync($"CREATE DATABASE {Name} OWNER {Role} CONNECTION LIMIT {connectionLimit}");
        return database;
    }

    public Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    /// <summary>PostgreSQL's log, when this process can read it (the local cluster's server.log): where every
    /// refused connection is written, whoever asked for it. Null when it cannot be found.</summary>
    public async Task<string?> ServerLogAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_setting('data_directory')", connection);
            var log = Path.Combine((string)(await command.ExecuteScalarAsync())!, "server.log");
            return File.Exists(log) ? log : null;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
