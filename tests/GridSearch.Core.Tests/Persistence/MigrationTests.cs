using GridSearch.Core;
using GridSearch.Core.Persistence;
using GridSearch.Testing.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridSearch.Core.Tests.Persistence;

/// <summary>The migrations are written by hand, so check them against what EF Core would create from the model.</summary>
public sealed class MigrationTests
{
    private const string SchemaQuery = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
          SELECT format('%s.%s %s %s', table_name, column_name, data_type, is_nullable) AS line
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
          UNION ALL
          SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
        ) s
        """;

    [Fact]
    public async Task Migrations_CreateExactlyTheSchemaOfTheModel()
    {
        await using var migrated = await TestDatabase.CreateAsync();
        var fromModel = await CreateFromModelAsync();

        await using var command = migrated.DataSource.CreateCommand(SchemaQuery);
        var fromMigrations = (string?)await command.ExecuteScalarAsync();

        Assert.Equal(fromModel, fromMigrations);
    }

    private static async Task<string?> CreateFromModelAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString());
        var name = "gridsearch_model_" + Guid.NewGuid().ToString("N")[..12];
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var options = new DbContextOptionsBuilder<GridSearchDbContext>();
        CoreServiceCollectionExtensions.ConfigureDbContext(options, dataSource);
        await using var db = new GridSearchDbContext(options.Options);
        try
        {
            await db.Database.EnsureCreatedAsync();
            await using var command = dataSource.CreateCommand(SchemaQuery);
            return (string?)await command.ExecuteScalarAsync();
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }
}
