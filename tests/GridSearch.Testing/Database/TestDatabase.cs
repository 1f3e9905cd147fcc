using GridSearch.Core;
using GridSearch.Core.Persistence;
using GridSearch.Migrations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridSearch.Testing.Database;

/// <summary>
/// A fresh, migrated database of its own for one test, on the real PostgreSQL that `make test`
/// starts (GRIDSEARCH_DB, or the local cluster). Cloned from a template migrated once per run,
/// so tests can run in parallel and never see each other's rows. Dropped on dispose. A test that stops
/// its server makes its database on an <see cref="OwnPostgres"/> instead (<see cref="CreateAsync(string)"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    // One template per build of the migrations, so a changed migration never reuses a stale schema.
    private static readonly string TemplateName =
        "gridsearch_tpl_" + typeof(DatabaseMigrator).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    // The servers whose template this process has checked: the shared one, and any OwnPostgres.
    private static readonly HashSet<string> TemplateReady = [];
    private readonly NpgsqlConnectionStringBuilder server;

    private TestDatabase(NpgsqlConnectionStringBuilder server, string name, string connectionString)
    {
        this.server = server;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    public static Task<TestDatabase> CreateAsync() => CreateAsync(DatabaseSettings.ConnectionString());

    /// <summary>The same on another server, given by a connection string to any of its databases.</summary>
    public static async Task<TestDatabase> CreateAsync(string serverConnectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        await EnsureTemplateAsync(server);
        var name = NewName();
        await ExecuteOnServerAsync(server, $"CREATE DATABASE {name} TEMPLATE {TemplateName}");
        return Open(server, name);
    }

    /// <summary>A database of its own with no schema at all, for tests that run the migrations themselves.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString()) { Pooling = false };
        var name = NewName();
        await ExecuteOnServerAsync(server, $"CREATE DATABASE {name}");
        return Open(server, name);
    }

    private static string NewName() => "gridsearch_test_" + Guid.NewGuid().ToString("N")[..16];

    private static TestDatabase Open(NpgsqlConnectionStringBuilder server, string name)
    {
        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = true };
        return new TestDatabase(server, name, connection.ConnectionString);
    }

    public GridSearchDbContext CreateDbContext()
    {
        var builder = new DbContextOptionsBuilder<GridSearchDbContext>();
        CoreServiceCollectionExtensions.ConfigureDbContext(builder, DataSource);
        return new GridSearchDbContext(builder.Options);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync(NpgsqlConnectionStringBuilder server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            var key = $"{server.Host}:{server.Port}";
            if (TemplateReady.Contains(key))
            {
                return;
            }

            // Test processes run side by side: a server-wide advisory lock lets one of them build the
            // template for this build of the migrations while the others wait, then all clone it.
            var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(727001)", connection))
            {
                await take.ExecuteNonQueryAsync();
            }

            await using (var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection))
            {
                exists.Parameters.AddWithValue("name", TemplateName);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    await BuildTemplateAsync(server);
                }
            }

            await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(727001)", connection))
            {
                await release.ExecuteNonQueryAsync();
            }

            TemplateReady.Add(key);
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task BuildTemplateAsync(NpgsqlConnectionStringBuilder server)
    {
        var building = TemplateName + "_building";
        await ExecuteOnServerAsync(server, $"DROP DATABASE IF EXISTS {building} WITH (FORCE)");
        await ExecuteOnServerAsync(server, $"CREATE DATABASE {building}");
        var template = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = building, Pooling = false };
        await using (var dataSource = NpgsqlDataSource.Create(template.ConnectionString))
        {
            var builder = new DbContextOptionsBuilder<GridSearchDbContext>();
            CoreServiceCollectionExtensions.ConfigureDbContext(builder, dataSource);
            await using var db = new GridSearchDbContext(builder.Options);
            await DatabaseMigrator.MigrateAsync(db);
        }

        await ExecuteOnServerAsync(server, $"ALTER DATABASE {building} RENAME TO {TemplateName}");
    }

    private static async Task ExecuteOnServerAsync(NpgsqlConnectionStringBuilder server, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
