using GridSearch.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GridSearch.Migrations;

public static class DatabaseMigrator
{
    /// <summary>Applies pending migrations; safe to call from several processes at once because
    /// EF Core takes a database lock around the migration history.</summary>
    public static Task MigrateAsync(GridSearchDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.MigrateAsync(cancellationToken);
    }
}
