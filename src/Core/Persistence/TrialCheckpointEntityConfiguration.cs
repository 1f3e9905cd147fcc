using GridSearch.Core.Trials;

namespace GridSearch.Core.Persistence;

/// <summary>One row per trial, replaced by each newer checkpoint; a trigger (migration TrialCheckpoints)
/// drops it when the trial ends, whichever statement ends it.</summary>
internal sealed class TrialCheckpointEntityConfiguration : IEntityTypeConfiguration<TrialCheckpoint>
{
    public void Configure(EntityTypeBuilder<TrialCheckpoint> checkpoint)
    {
        checkpoint.HasKey(c => c.TrialId);
        checkpoint.Property(c => c.TrialId).ValueGeneratedNever();
        checkpoint.HasOne<Trial>().WithOne().HasForeignKey<TrialCheckpoint>(c => c.TrialId).OnDelete(DeleteBehavior.Cascade);
    }
}
