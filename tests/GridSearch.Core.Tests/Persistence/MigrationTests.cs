using GridSearch.Core.Persistence;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace GridSearch.Core.Tests.Persistence;

/// <summary>
/// The first two migrations are hand-written SQL and later ones are generated then reviewed, so check
/// that together they build what EF Core creates from the model, that no model change lacks a
/// migration, and that a database made by the hand-written ones moves forward with its rows.
/// </summary>
public sealed class MigrationTests
{
    /// <summary>The last hand-written migration: databases in use before generated migrations are at it.</summary>
    private const string LastHandWrittenMigration = "20261121233000_LeaderboardIndexes";

    /// <summary>Columns (type, nullability, default, identity), indexes and constraints, by name.</summary>
    private const string SchemaQuery = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
          SELECT format('%s.%s %s(%s) null=%s default=%s identity=%s', table_name, column_name, data_type,
                        character_maximum_length, is_nullable, column_default, identity_generation) AS line
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
          UNION ALL
          SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
          UNION ALL
          SELECT format('%s %s %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
          FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
          WHERE t.relnamespace = 'public'::regnamespace AND t.relname <> '__EFMigrationsHistory'
        ) s
        """;

    [Fact]
    public async Task Migrations_CreateExactlyTheSchemaOfTheModel()
    {
        await using var migrated = await TestDatabase.CreateAsync();

        Assert.Equal(await CreateFromModelAsync(), await SchemaAsync(migrated.DataSource));
    }

    [Fact]
    public void Model_HasNoChangesMissingFromMigrations()
    {
        var options = new DbContextOptionsBuilder<GridSearchDbContext>();
        CoreServiceCollectionExtensions.ConfigureDbContext(options, DatabaseSettings.ConnectionString());
        using var db = new GridSearchDbContext(options.Options);

        // Compares the model with the migrations' snapshot; `dotnet ef migrations add` fixes a failure.
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: add one with `dotnet ef migrations add <Name> --project src/Migrations`.");
    }

    [Fact]
    public async Task Migrating_ADatabaseOfTheHandWrittenMigrations_KeepsItsRowsAndEndsAtTheModelsSchema()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using (var db = database.CreateDbContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(LastHandWrittenMigration);
        }

        // Rows as the schema of the hand-written migrations holds them: a search, two trials, three epochs.
        await database.ExecuteAsync("""
            WITH s AS (
              INSERT INTO searches (name, dataset, model, definition, trial_count, idempotency_key, created_at)
              VALUES ('before', 'mnist', 'mlp', '{"name": "before"}', 2, 'key-1', '2026-11-21T23:40:00Z') RETURNING id),
            t AS (
              INSERT INTO trials (search_id, ordinal, status, config, config_hash, attempts, max_attempts, available_at,
                                  cancel_requested, finished_at, test_accuracy)
              SELECT s.id, o, CASE o WHEN 1 THEN 'succeeded' ELSE 'queued' END, '{"epochs": 3}', 'hash-' || o, CASE o WHEN 1 THEN 1 ELSE 0 END, 3,
                     '2026-11-21T23:40:00Z', false, CASE o WHEN 1 THEN timestamptz '2026-11-21T23:45:00Z' END, CASE o WHEN 1 THEN 0.91 END
              FROM s, generate_series(1, 2) o RETURNING id, ordinal)
            INSERT INTO epochs (trial_id, number, train_loss, train_accuracy, val_loss, val_accuracy, learning_rate, seconds)
            SELECT t.id, e, 1.0 / e, 0.8, 0.6, 0.7, 0.001, 1.5 FROM t, generate_series(1, 3) e WHERE t.ordinal = 1
            """);

        await using (var db = database.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            var search = await db.Searches.SingleAsync();
            Assert.Equal(("before", "key-1", 2), (search.Name, search.IdempotencyKey, search.TrialCount));
            var trials = await db.Trials.OrderBy(t => t.Ordinal).ToListAsync();
            Assert.Equal(["hash-1", "hash-2"], trials.Select(t => t.ConfigHash));
            Assert.Equal([TrialStatus.Succeeded, TrialStatus.Queued], trials.Select(t => t.Status));
            Assert.Equal(0.91, trials[0].TestAccuracy);
            Assert.All(trials, t => Assert.Equal("{}", t.GridPoint));
            Assert.Equal([1, 2, 3], await db.Epochs.Where(e => e.TrialId == trials[0].Id).OrderBy(e => e.Number).Select(e => e.Number).ToListAsync());
        }

        Assert.Equal(await CreateFromModelAsync(), await SchemaAsync(database.DataSource));
    }

    private static async Task<string?> SchemaAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(SchemaQuery);
        return (string?)await command.ExecuteScalarAsync();
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
            return await SchemaAsync(dataSource);
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }
}
