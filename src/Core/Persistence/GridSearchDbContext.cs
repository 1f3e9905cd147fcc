using System.Text;
using GridSearch.Core.Trials;
using Microsoft.EntityFrameworkCore;

namespace GridSearch.Core.Persistence;

public sealed class GridSearchDbContext(DbContextOptions<GridSearchDbContext> options) : DbContext(options)
{
    public const string MigrationsAssembly = "GridSearch.Migrations";

    public DbSet<Search.Search> Searches => Set<Search.Search>();
    public DbSet<Trial> Trials => Set<Trial>();
    public DbSet<Epoch> Epochs => Set<Epoch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Search.Search>(search =>
        {
            search.ToTable("searches");
            search.Property(s => s.Id).UseIdentityAlwaysColumn();
            search.Property(s => s.Definition).HasColumnType("jsonb");
            search.HasIndex(s => s.IdempotencyKey).IsUnique();
            search.HasIndex(s => s.CreatedAt);
            search.HasMany<Trial>().WithOne().HasForeignKey(t => t.SearchId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Trial>(trial =>
        {
            trial.ToTable("trials");
            trial.Property(t => t.Id).UseIdentityAlwaysColumn();
            trial.Property(t => t.Status)
                .HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<TrialStatus>(s, true))
                .HasMaxLength(16);
            trial.Property(t => t.Config).HasColumnType("jsonb");
            trial.Property(t => t.GridPoint).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
            trial.Property(t => t.ConfusionMatrix).HasColumnType("jsonb");
            trial.Ignore(t => t.IsFinished);
            // A combination is trained at most once per search.
            trial.HasIndex(t => new { t.SearchId, t.ConfigHash }).IsUnique();
            trial.HasIndex(t => new { t.SearchId, t.Ordinal });
            trial.HasIndex(t => new { t.SearchId, t.Status });
            // The claim query reads only queued rows in this order; a partial index keeps it
            // proportional to the queue's length, not to the trials ever run.
            trial.HasIndex(t => new { t.AvailableAt, t.Id })
                .HasDatabaseName("ix_trials_queue")
                .HasFilter("status = 'queued'");
            // The rescuer scans running rows by lease expiry.
            trial.HasIndex(t => t.LeaseExpiresAt)
                .HasDatabaseName("ix_trials_lease")
                .HasFilter("status = 'running'");
            // Leaderboards read succeeded trials by accuracy, per search and across searches.
            trial.HasIndex(t => new { t.SearchId, t.TestAccuracy, t.Id })
                .HasDatabaseName("ix_trials_leaderboard")
                .IsDescending(false, true, false)
                .HasFilter("status = 'succeeded'");
            trial.HasIndex(t => new { t.TestAccuracy, t.Id })
                .HasDatabaseName("ix_trials_leaderboard_all")
                .IsDescending(true, false)
                .HasFilter("status = 'succeeded'");
            LeaderboardIndexes(trial, "test_loss", t => t.TestLoss, higherIsBetter: false);
            LeaderboardIndexes(trial, "val_accuracy", t => t.ValAccuracy, higherIsBetter: true);
            LeaderboardIndexes(trial, "val_loss", t => t.ValLoss, higherIsBetter: false);
            trial.HasMany<Epoch>().WithOne().HasForeignKey(e => e.TrialId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Epoch>(epoch =>
        {
            epoch.ToTable("epochs");
            epoch.HasKey(e => new { e.TrialId, e.Number });
        });

        UseSnakeCaseColumns(modelBuilder);
    }

    /// <summary>The per-search and cross-search leaderboard indexes of one more metric.</summary>
    private static void LeaderboardIndexes(
        Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Trial> trial,
        string metric,
        System.Linq.Expressions.Expression<Func<Trial, double?>> column,
        bool higherIsBetter)
    {
        var name = ((System.Linq.Expressions.MemberExpression)column.Body).Member.Name;
        trial.HasIndex(nameof(Trial.SearchId), name, nameof(Trial.Id))
            .HasDatabaseName($"ix_trials_leaderboard_{metric}")
            .IsDescending(false, higherIsBetter, false)
            .HasFilter("status = 'succeeded'");
        trial.HasIndex(name, nameof(Trial.Id))
            .HasDatabaseName($"ix_trials_leaderboard_all_{metric}")
            .IsDescending(higherIsBetter, false)
            .HasFilter("status = 'succeeded'");
    }

    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
