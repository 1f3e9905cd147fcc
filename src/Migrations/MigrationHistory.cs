using System.Reflection;
using GridSearch.Core.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace GridSearch.Migrations;

/// <summary>
/// The migrations this build knows and those a database has applied, read without building EF Core's model: a
/// worker checks them at every start, and EF's first use costs it seconds of CPU on a busy machine, while it
/// is joining. The known ones come from the same attributes EF reads; the applied ones from EF's history table
/// (<see cref="HistoryRepository.DefaultTableName"/>, its key column in this schema's snake_case).
/// </summary>
public static class MigrationHistory
{
    private const string AppliedSql = $"""SELECT migration_id FROM "{HistoryRepository.DefaultTableName}" ORDER BY migration_id""";

    /// <summary>Every migration of <see cref="GridSearchDbContext"/> in this assembly, oldest first.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. typeof(MigrationHistory).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(GridSearchDbContext))
        .Select(type => type.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Order(StringComparer.Ordinal)];

    /// <summary>The migrations applied to the database <paramref name="connection"/> is open on; none when it has
    /// no history table yet.</summary>
    public static async Task<IReadOnlyList<string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("table", $"\"{HistoryRepository.DefaultTableName}\"");
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return [];
            }
        }

        await using var command = new NpgsqlCommand(AppliedSql, connection);
        var applied = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }
}
