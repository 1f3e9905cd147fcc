using GridSearch.Core.Access;

namespace GridSearch.Core.Tests.Access;

public sealed class AccessRulesTests
{
    private static readonly AccessOptions Open = new();
    private static readonly AccessOptions Required = new() { RequireApiKey = true };
    private static readonly AccessOptions RequiredOpenReads = new() { RequireApiKey = true, OpenReads = true };

    [Theory]
    [InlineData(AccessOperation.Read)]
    [InlineData(AccessOperation.Submit)]
    [InlineData(AccessOperation.Cancel)]
    [InlineData(AccessOperation.ManageKeys)]
    public void Anonymous_WithNoKeysAndNothingRequired_MayDoAnything(AccessOperation operation) =>
        Assert.True(AccessRules.Allows(Caller.Anonymous, operation, Open, anyKeyExists: false));

    [Theory]
    [InlineData(AccessOperation.Read)]
    [InlineData(AccessOperation.Submit)]
    [InlineData(AccessOperation.ManageKeys)]
    public void Anonymous_OnceAnyKeyExists_MayDoNothing(AccessOperation operation) =>
        Assert.False(AccessRules.Allows(Caller.Anonymous, operation, Open, anyKeyExists: true));

    [Fact]
    public void Anonymous_WithRequireApiKeyAndNoKeys_MayNotRead() =>
        Assert.False(AccessRules.Allows(Caller.Anonymous, AccessOperation.Read, Required, anyKeyExists: false));

    [Theory]
    [InlineData(AccessOperation.Read, true)]
    [InlineData(AccessOperation.Submit, false)]
    [InlineData(AccessOperation.Cancel, false)]
    [InlineData(AccessOperation.ManageKeys, false)]
    public void Anonymous_WithOpenReads_MayOnlyRead(AccessOperation operation, bool allowed) =>
        Assert.Equal(allowed, AccessRules.Allows(Caller.Anonymous, operation, RequiredOpenReads, anyKeyExists: true));

    [Theory]
    [InlineData(ApiKeyScope.Read, AccessOperation.Read, true)]
    [InlineData(ApiKeyScope.Read, AccessOperation.Submit, false)]
    [InlineData(ApiKeyScope.Read, AccessOperation.Cancel, false)]
    [InlineData(ApiKeyScope.Read, AccessOperation.ManageKeys, false)]
    [InlineData(ApiKeyScope.Submit, AccessOperation.Read, true)]
    [InlineData(ApiKeyScope.Submit, AccessOperation.Submit, true)]
    [InlineData(ApiKeyScope.Submit, AccessOperation.Cancel, true)]
    [InlineData(ApiKeyScope.Submit, AccessOperation.ManageKeys, false)]
    [InlineData(ApiKeyScope.Admin, AccessOperation.Read, true)]
    [InlineData(ApiKeyScope.Admin, AccessOperation.Submit, true)]
    [InlineData(ApiKeyScope.Admin, AccessOperation.Cancel, true)]
    [InlineData(ApiKeyScope.Admin, AccessOperation.ManageKeys, true)]
    public void Key_MayDoWhatItsScopeIncludes(ApiKeyScope scope, AccessOperation operation, bool allowed) =>
        Assert.Equal(allowed, AccessRules.Allows(Caller.Key(7, scope), operation, Required, anyKeyExists: true));

    [Fact]
    public void SubmitKey_MayChangeOnlyItsOwnSearches()
    {
        var alice = Caller.Key(7, ApiKeyScope.Submit);

        Assert.True(AccessRules.MayChangeSearch(alice, submittedByKeyId: 7, Required, anyKeyExists: true));
        Assert.False(AccessRules.MayChangeSearch(alice, submittedByKeyId: 8, Required, anyKeyExists: true));
        Assert.False(AccessRules.MayChangeSearch(alice, submittedByKeyId: null, Required, anyKeyExists: true));
    }

    [Fact]
    public void AdminKey_MayChangeAnySearch()
    {
        var admin = Caller.Key(1, ApiKeyScope.Admin);

        Assert.True(AccessRules.MayChangeSearch(admin, submittedByKeyId: 7, Required, anyKeyExists: true));
        Assert.True(AccessRules.MayChangeSearch(admin, submittedByKeyId: null, Required, anyKeyExists: true));
    }

    [Fact]
    public void ReadKey_MayChangeNothing_EvenItsOwn() =>
        Assert.False(AccessRules.MayChangeSearch(Caller.Key(7, ApiKeyScope.Read), submittedByKeyId: 7, Required, anyKeyExists: true));

    [Fact]
    public void Anonymous_MayChangeAnything_OnlyWhileTheServiceIsOpen()
    {
        Assert.True(AccessRules.MayChangeSearch(Caller.Anonymous, submittedByKeyId: 7, Open, anyKeyExists: false));
        Assert.False(AccessRules.MayChangeSearch(Caller.Anonymous, submittedByKeyId: null, RequiredOpenReads, anyKeyExists: true));
    }

    [Fact]
    public void KeysRequired_OnceAnyKeyExistsOrWhenConfigured()
    {
        Assert.False(AccessRules.KeysRequired(Open, anyKeyExists: false));
        Assert.True(AccessRules.KeysRequired(Open, anyKeyExists: true));
        Assert.True(AccessRules.KeysRequired(Required, anyKeyExists: false));
    }
}
