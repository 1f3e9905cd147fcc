using GridSearch.Core.Models;
using GridSearch.Core.Trials;

namespace GridSearch.Core.Persistence;

/// <summary>One row per kept model, keyed by its trial and gone with it. Stored out of line (TOAST)
/// without PostgreSQL's own compression: the bytes are compressed already.</summary>
internal sealed class TrialModelEntityConfiguration : IEntityTypeConfiguration<TrialModel>
{
    public void Configure(EntityTypeBuilder<TrialModel> model)
    {
        model.HasKey(m => m.TrialId);
        model.Property(m => m.Format).HasMaxLength(32);
        model.Property(m => m.Data).HasColumnType("bytea");
        model.Property(m => m.CreatedAt).HasDefaultValueSql("now()");
        model.HasOne<Trial>().WithOne().HasForeignKey<TrialModel>(m => m.TrialId).OnDelete(DeleteBehavior.Cascade);
    }
}
