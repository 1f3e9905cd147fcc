using GridSearch.Core.Trials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridSearch.Core.Persistence;

internal sealed class SearchEntityConfiguration : IEntityTypeConfiguration<Search.Search>
{
    public void Configure(EntityTypeBuilder<Search.Search> search)
    {
        search.ToTable("searches");
        search.Property(s => s.Id).UseIdentityAlwaysColumn();
        search.Property(s => s.Definition).HasColumnType("jsonb");
        // A retried submission with the same key finds the search it created the first time.
        search.HasIndex(s => s.IdempotencyKey).IsUnique();
        search.HasIndex(s => s.CreatedAt);
        search.HasMany<Trial>().WithOne().HasForeignKey(t => t.SearchId).OnDelete(DeleteBehavior.Cascade);
    }
}
