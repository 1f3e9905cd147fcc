using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class KeysCommandTests
{
    [Fact]
    public async Task KeysCreate_PrintsTheSecretOnce_AndOtherCommandsThenNeedApiKey()
    {
        await using var api = await ApiHost.StartAsync();

        var created = await Shell.RunAsync(api.Client, "keys", "create", "--name", "root", "--scope", "admin");

        Assert.Equal(0, created.ExitCode);
        var secret = Assert.Single(created.OutputLines);
        Assert.StartsWith("gs_", secret, StringComparison.Ordinal);
        Assert.Contains("shown this once", created.Errors, StringComparison.Ordinal);
        var refused = await Shell.RunAsync(api.Client, "keys", "list");
        Assert.Equal(ExitCodes.ApiError, refused.ExitCode);
        Assert.Contains("401", refused.Errors, StringComparison.Ordinal);

        var alice = await Shell.RunAsync(api.Client, "keys", "create", "--name", "alice", "--scope", "submit", "--api-key", secret);
        var list = await Shell.RunAsync(api.Client, "keys", "list", "--api-key", secret);

        Assert.Equal(0, alice.ExitCode);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("alice", list.Output, StringComparison.Ordinal);
        Assert.Contains("submit", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRevoke_RevokesTheKey_SoItsRequestsAreRefused()
    {
        await using var api = await ApiHost.StartAsync();
        var (_, admin) = await api.CreateKeyAsync("root", GridSearch.Core.Access.ApiKeyScope.Admin);
        var (id, alice) = await api.CreateKeyAsync("alice", GridSearch.Core.Access.ApiKeyScope.Read);

        var revoked = await Shell.RunAsync(api.Client, "--api-key", admin, "keys", "revoke", $"{id}");

        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal([$"revoked key {id} (alice, read)."], revoked.OutputLines);
        Assert.Equal(ExitCodes.ApiError, (await Shell.RunAsync(api.Client, "status", "1", "--api-key", alice)).ExitCode);
    }

    [Fact]
    public async Task KeysCreate_WithAnUnknownScope_IsAUsageError()
    {
        var run = await Shell.RunAsync(null, "keys", "create", "--name", "x", "--scope", "root");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
    }
}
