using GridSearch.Core.Persistence;
using GridSearch.Migrations;
using GridSearch.Testing.Database;
using Microsoft.EntityFrameworkCore;

namespace GridSearch.Core.Tests.Persistence;

/// <summary>The worker's read of the migrations without EF Core's model (<see cref="MigrationHistory"/>) says
/// what EF Core says.</summary>
public sealed class MigrationHistoryTests
{
    [Fact]
    public async Task KnownAndApplied_OnAMigratedDatabase_AreWhatEfCoreSays()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        await using var connection = await database.DataSource.OpenConnectionAsync();

        Assert.Equal(db.Database.GetMigrations(), MigrationHistory.Known);
        Assert.Equal(await db.Database.GetAppliedMigrationsAsync(), await MigrationHistory.AppliedAsync(connection, CancellationToken.None));
        Assert.NotEmpty(MigrationHistory.Known);
    }

    [Fact]
    public async Task Applied_OnAnEmptyDatabase_IsNone()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var connection = await database.DataSource.OpenConnectionAsync();

        Assert.Empty(await MigrationHistory.AppliedAsync(connection, CancellationToken.None));
    }
}
