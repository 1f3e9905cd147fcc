using GridSearch.Core.Access;

namespace GridSearch.Core.Persistence;

internal sealed class ApiKeyEntityConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(ApiKeyService.MaxNameLength);
        key.Property(k => k.Scope)
            .HasConversion(s => ApiKeyScopeNames.Of(s), s => Parse(s))
            .HasMaxLength(16);
        // Each request looks its key up by the hash of the secret it presents.
        key.HasIndex(k => k.SecretHash).IsUnique();
        key.Ignore(k => k.IsRevoked);
    }

    private static ApiKeyScope Parse(string name) =>
        ApiKeyScopeNames.TryParse(name, out var scope) ? scope : throw new InvalidOperationException($"Unknown key scope '{name}' in api_keys.");
}
