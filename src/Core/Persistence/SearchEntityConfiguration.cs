using GridSearch.Core.Access;
using GridSearch.Core.Trials;
using GridSearch.Domain.Definition;

namespace GridSearch.Core.Persistence;

internal sealed class SearchEntityConfiguration : IEntityTypeConfiguration<Search.Search>
{
    public void Configure(EntityTypeBuilder<Search.Search> search)
    {
        search.Property(s => s.Definition).HasColumnType("jsonb");
        // A retried submission with the same key finds the search it created the first time.
        search.HasIndex(s => s.IdempotencyKey).IsUnique();
        search.Property(s => s.IdempotencyBodyHash).HasMaxLength(64);
        search.HasIndex(s => s.CreatedAt);
        // A resubmitted definition finds the search it made before.
        search.Property(s => s.DefinitionHash).HasMaxLength(64);
        search.HasIndex(s => s.DefinitionHash);
        search.Property(s => s.StopReason).HasMaxLength(32);
        search.HasOne<ApiKey>().WithMany().HasForeignKey(s => s.SubmittedByKeyId).OnDelete(DeleteBehavior.SetNull);
        search.HasMany<Trial>().WithOne().HasForeignKey(t => t.SearchId).OnDelete(DeleteBehavior.Cascade);
    }
}
