using System.Linq.Expressions;
using GridSearch.Core.Trials;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Persistence;

/// <summary>Trials are also the queue's rows: besides the usual indexes, partial ones serve the queue's
/// claim and rescue queries and the leaderboards (see <see cref="Queue.TrialQueue"/>).</summary>
internal sealed class TrialEntityConfiguration : IEntityTypeConfiguration<Trial>
{
    public void Configure(EntityTypeBuilder<Trial> trial)
    {
        trial.Property(t => t.Status)
            .HasConversion(s => EnumNames.Of(s), s => EnumNames.Parse<TrialStatus>(s))
            .HasMaxLength(16);
        trial.Property(t => t.Config).HasColumnType("jsonb");
        // The queue's binary COPY does not list this column: the default fills it there.
        trial.Property(t => t.GridPoint).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        trial.Property(t => t.ConfusionMatrix).HasColumnType("jsonb");
        // Rows written before repeats existed were each their configuration's only trial: repeat 0.
        trial.Property(t => t.Repeat).HasDefaultValue(0);
        trial.Property(t => t.Machine).HasColumnType("jsonb");
        trial.Property(t => t.ChosenBy).HasMaxLength(16);
        // The queue's own columns: only its SQL reads and writes them, so the read model has none of them.
        trial.Property<int>("MaxAttempts");
        var availableAt = trial.Property<DateTimeOffset>("AvailableAt").Metadata.Name;
        trial.Property<Guid?>("LeaseToken");
        var leaseExpiresAt = trial.Property<DateTimeOffset?>("LeaseExpiresAt").Metadata.Name;
        trial.Property<bool>("CancelRequested");
        // A combination is trained at most once per search.
        trial.HasIndex(t => new { t.SearchId, t.ConfigHash }).IsUnique();
        trial.HasIndex(t => new { t.SearchId, t.Ordinal });
        // The result cache looks up trained results by config hash (ResultCache).
        trial.HasIndex(t => new { t.ConfigHash, t.EngineVersion })
            .HasDatabaseName("ix_trials_cache")
            .HasFilter("status = 'succeeded' AND cached_from IS NULL");
        trial.Property(t => t.EngineVersion).HasMaxLength(32);
        trial.HasIndex(t => new { t.SearchId, t.Status });
        // The claim query reads only queued rows in this order; a partial index keeps it
        // proportional to the queue's length, not to the trials ever run.
        trial.HasIndex(availableAt, nameof(Trial.Id))
            .HasDatabaseName("ix_trials_queue")
            .HasFilter("status = 'queued'");
        // The rescuer scans running rows by lease expiry.
        trial.HasIndex(leaseExpiresAt)
            .HasDatabaseName("ix_trials_lease")
            .HasFilter("status = 'running'");
        // Leaderboards read succeeded trials by a metric, per search and across searches.
        LeaderboardIndexes(trial, "", t => t.TestAccuracy, higherIsBetter: true);
        LeaderboardIndexes(trial, "_test_loss", t => t.TestLoss, higherIsBetter: false);
        LeaderboardIndexes(trial, "_val_accuracy", t => t.ValAccuracy, higherIsBetter: true);
        LeaderboardIndexes(trial, "_val_loss", t => t.ValLoss, higherIsBetter: false);
        trial.HasOne<Trial>().WithMany().HasForeignKey(t => t.CachedFrom).OnDelete(DeleteBehavior.SetNull);
        // A fold trial belongs to the evaluation of its source: it goes with it. The index serves the
        // evaluations' reads and the leaderboards' "not a fold" filter.
        trial.HasOne<Trial>().WithMany().HasForeignKey(t => t.FoldOf).OnDelete(DeleteBehavior.Cascade);
        trial.HasMany<Epoch>().WithOne().HasForeignKey(e => e.TrialId).OnDelete(DeleteBehavior.Cascade);
    }

    /// <summary>The per-search and cross-search leaderboard indexes of one metric.</summary>
    private static void LeaderboardIndexes(EntityTypeBuilder<Trial> trial, string suffix, Expression<Func<Trial, double?>> column, bool higherIsBetter)
    {
        var name = ((MemberExpression)column.Body).Member.Name;
        trial.HasIndex(nameof(Trial.SearchId), name, nameof(Trial.Id))
            .HasDatabaseName($"ix_trials_leaderboard{suffix}")
            .IsDescending(false, higherIsBetter, false)
            .HasFilter("status = 'succeeded'");
        trial.HasIndex(name, nameof(Trial.Id))
            .HasDatabaseName($"ix_trials_leaderboard_all{suffix}")
            .IsDescending(higherIsBetter, false)
            .HasFilter("status = 'succeeded'");
    }
}
