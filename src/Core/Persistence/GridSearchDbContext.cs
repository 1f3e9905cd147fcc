using GridSearch.Core.Access;
using GridSearch.Core.Models;
using GridSearch.Core.Trials;
using GridSearch.Domain.Trials;

namespace GridSearch.Core.Persistence;

/// <summary>Searches, their trials (also the queue's rows), the trials' epochs, checkpoints and kept models, the API keys and the workers. Each entity's mapping
/// is an <see cref="IEntityTypeConfiguration{TEntity}"/> of its own in this folder.</summary>
public sealed class GridSearchDbContext(DbContextOptions<GridSearchDbContext> options) : DbContext(options)
{
    public const string MigrationsAssembly = "GridSearch.Migrations";

    public DbSet<Search.Search> Searches => Set<Search.Search>();
    public DbSet<Trial> Trials => Set<Trial>();
    public DbSet<Epoch> Epochs => Set<Epoch>();
    public DbSet<TrialCheckpoint> TrialCheckpoints => Set<TrialCheckpoint>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Workers.RegisteredWorker> Workers => Set<Workers.RegisteredWorker>();
    public DbSet<TrialModel> TrialModels => Set<TrialModel>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        // Here rather than where the options are built, so every context (API, workers, tests,
        // design-time tools) has the same model and so the same migrations.
        optionsBuilder.UseSnakeCaseNamingConvention();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        // Every generated key is GENERATED ALWAYS AS IDENTITY: ids come from the database alone.
        // Tables are named after their DbSet, in snake_case (the naming convention above).
        modelBuilder.UseIdentityAlwaysColumns();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GridSearchDbContext).Assembly);
    }
}
