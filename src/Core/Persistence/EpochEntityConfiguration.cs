using GridSearch.Core.Trials;

namespace GridSearch.Core.Persistence;

internal sealed class EpochEntityConfiguration : IEntityTypeConfiguration<Epoch>
{
    public void Configure(EntityTypeBuilder<Epoch> epoch)
    {
        // A retried trial rewrites its epochs from 1 rather than adding to them.
        epoch.HasKey(e => new { e.TrialId, e.Number });
    }
}
