using GridSearch.Core;
using GridSearch.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GridSearch.Migrations;

/// <summary>
/// Lets `dotnet ef migrations add &lt;Name&gt; --project src/Migrations` build the context without starting
/// the API. Adding a migration never connects; commands that do (`database update`) use GRIDSEARCH_DB
/// or the local cluster, as the services do.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GridSearchDbContext>
{
    public GridSearchDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<GridSearchDbContext>();
        CoreServiceCollectionExtensions.ConfigureDbContext(options, DatabaseSettings.ConnectionString());
        return new GridSearchDbContext(options.Options);
    }
}
