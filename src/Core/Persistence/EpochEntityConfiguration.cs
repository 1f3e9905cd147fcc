using GridSearch.Domain.Trials;

namespace GridSearch.Core.Persistence;

internal sealed class EpochEntityConfiguration : IEntityTypeConfiguration<Epoch>
{
    /// <summary>A column the read model does not show: only the queue's SQL writes and reads it.</summary>
    public const string SearchId = "SearchId";

    public void Configure(EntityTypeBuilder<Epoch> epoch)
    {
        // A retried trial rewrites its epochs from 1 rather than adding to them.
        epoch.HasKey(e => new { e.TrialId, e.Number });
        // The trial's search, copied when the epoch is recorded, so that a pruner reads the values of all the
        // search's trials at one epoch with one range scan of this index (EpochStandingQuery).
        epoch.Property<long>(SearchId);
        epoch.HasIndex(SearchId, nameof(Epoch.Number))
            .HasDatabaseName("ix_epochs_search_number")
            .IncludeProperties(nameof(Epoch.TrialId), nameof(Epoch.ValAccuracy), nameof(Epoch.ValLoss));
    }
}
