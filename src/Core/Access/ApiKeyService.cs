using GridSearch.Core.Persistence;
using GridSearch.Domain.Definition;

namespace GridSearch.Core.Access;

/// <summary>Creates, lists, revokes and checks API keys.</summary>
public sealed class ApiKeyService(GridSearchDbContext db, ApiKeyPresence presence, TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <summary>The name of the key GRIDSEARCH_ADMIN_KEY becomes.</summary>
    public const string BootstrapName = "admin";

    public async Task<ApiKeyCreation> CreateAsync(string? name, string? scope, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add("name", $"must be a non-empty string of at most {MaxNameLength} characters.");
        }
        else
        {
            StoredText.Check(errors, "name", trimmed, MaxNameLength);
        }

        if (!ApiKeyScopeNames.TryParse(scope, out var parsed))
        {
            errors.Add("scope", $"must be one of {string.Join(", ", ApiKeyScopeNames.All)}.");
        }

        if (!errors.IsEmpty)
        {
            return new ApiKeyCreation(null, null, errors);
        }

        var secret = ApiKeySecret.New();
        var key = await AddAsync(trimmed!, parsed, secret, cancellationToken);
        return new ApiKeyCreation(key, secret, errors);
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);

    /// <summary>Revokes the key (again is fine); null when there is no such key.</summary>
    public async Task<ApiKey?> RevokeAsync(long id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return null;
        }

        key.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>The live key with this secret, or null (unknown or revoked).</summary>
    public async Task<ApiKey?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0 || StoredText.Problem(secret, ApiKeySecret.MaxLength) is not null)
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(secret);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.SecretHash == hash && k.RevokedAt == null, cancellationToken);
    }

    public ValueTask<bool> AnyKeyExistsAsync(CancellationToken cancellationToken) =>
        presence.AnyAsync(ct => db.ApiKeys.AnyAsync(ct), cancellationToken);

    /// <summary>
    /// Stores <paramref name="secret"/> (GRIDSEARCH_ADMIN_KEY) as an admin key named "admin" when no key
    /// exists yet; does nothing otherwise. Throws when the secret is too short or not storable text.
    /// </summary>
    public async Task<bool> EnsureBootstrapKeyAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < ApiKeySecret.MinLength || StoredText.Problem(secret, ApiKeySecret.MaxLength) is { } problem)
        {
            throw new ArgumentException(
                $"{AccessOptions.AdminKeyEnvironmentVariable} must be {ApiKeySecret.MinLength} to {ApiKeySecret.MaxLength} characters of plain text "
                + "(make admin-key prints a good one).",
                nameof(secret));
        }

        if (await db.ApiKeys.AnyAsync(cancellationToken))
        {
            presence.MarkExists();
            return false;
        }

        await AddAsync(BootstrapName, ApiKeyScope.Admin, secret, cancellationToken);
        return true;
    }

    /// <summary>A new admin key (the API's --create-admin-key); returns its secret.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAdminKeyAsync(string name, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecret.New();
        return (await AddAsync(name, ApiKeyScope.Admin, secret, cancellationToken), secret);
    }

    private async Task<ApiKey> AddAsync(string name, ApiKeyScope scope, string secret, CancellationToken cancellationToken)
    {
        var key = new ApiKey { Name = name, Scope = scope, SecretHash = ApiKeySecret.Hash(secret), CreatedAt = time.GetUtcNow() };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        presence.MarkExists();
        return key;
    }
}
