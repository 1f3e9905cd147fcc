using GridSearch.Core.Access;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Access;

public sealed class ApiKeyServiceTests
{
    private static ApiKeyService Service(GridSearch.Core.Persistence.GridSearchDbContext db) =>
        new(db, new ApiKeyPresence(TimeProvider.System), TimeProvider.System);

    [Fact]
    public async Task Create_StoresOnlyTheHashOfTheSecret_AndAuthenticatesIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        var keys = Service(db);

        var created = await keys.CreateAsync("alice", "submit", default);

        Assert.True(created.IsValid);
        Assert.StartsWith(ApiKeySecret.Prefix, created.Secret, StringComparison.Ordinal);
        await using (var stored = database.DataSource.CreateCommand(
            "SELECT count(*) FROM api_keys WHERE position(convert_to(@secret, 'UTF8') in secret_hash) > 0 OR name = @secret"))
        {
            stored.Parameters.AddWithValue("secret", created.Secret!);
            Assert.Equal(0L, await stored.ExecuteScalarAsync());
        }

        var found = await keys.AuthenticateAsync(created.Secret!, default);
        Assert.Equal((created.Key!.Id, ApiKeyScope.Submit), (found!.Id, found.Scope));
        Assert.Null(await keys.AuthenticateAsync(created.Secret + "x", default));
    }

    [Fact]
    public async Task Revoke_StopsTheKeyAuthenticating_AndKeepsItListed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        var keys = Service(db);
        var created = await keys.CreateAsync("bob", "read", default);

        var revoked = await keys.RevokeAsync(created.Key!.Id, default);

        Assert.NotNull(revoked!.RevokedAt);
        Assert.Null(await keys.AuthenticateAsync(created.Secret!, default));
        Assert.Single(await keys.ListAsync(default));
        Assert.True(await keys.AnyKeyExistsAsync(default));
        Assert.Null(await keys.RevokeAsync(987654, default));
    }

    [Theory]
    [InlineData(null, "read", "name")]
    [InlineData("  ", "read", "name")]
    [InlineData("a\0b", "read", "name")]
    [InlineData("alice", "owner", "scope")]
    [InlineData("alice", null, "scope")]
    [InlineData("alice", "Admin", "scope")]
    public async Task Create_WithBadField_NamesItAndWritesNothing(string? name, string? scope, string field)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        var created = await Service(db).CreateAsync(name, scope, default);

        Assert.False(created.IsValid);
        Assert.True(created.Errors.Has(field));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM api_keys"));
    }

    [Fact]
    public async Task Create_WithALoneSurrogateInTheName_NamesItAndWritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        var created = await Service(db).CreateAsync("a" + (char)0xD800 + "b", "read", default);

        Assert.True(created.Errors.Has("name"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM api_keys"));
    }

    [Fact]
    public async Task Create_WithTooLongName_NamesIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        var created = await Service(db).CreateAsync(new string('a', ApiKeyService.MaxNameLength + 1), "read", default);

        Assert.True(created.Errors.Has("name"));
    }

    [Fact]
    public async Task EnsureBootstrapKey_StoresItAsAdmin_OnlyWhenNoKeyExists()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        var keys = Service(db);
        var secret = ApiKeySecret.New();

        Assert.True(await keys.EnsureBootstrapKeyAsync(secret, default));
        Assert.False(await keys.EnsureBootstrapKeyAsync(ApiKeySecret.New(), default));

        var admin = await keys.AuthenticateAsync(secret, default);
        Assert.Equal((ApiKeyService.BootstrapName, ApiKeyScope.Admin), (admin!.Name, admin.Scope));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM api_keys"));
    }

    [Fact]
    public async Task EnsureBootstrapKey_RefusesAShortSecret()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        await Assert.ThrowsAsync<ArgumentException>(() => Service(db).EnsureBootstrapKeyAsync("admin", default));
    }
}
