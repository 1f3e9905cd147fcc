using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridSearch.Core.Access;
using GridSearch.Core.Models;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Security;

/// <summary>Pinning, unpinning and cross-validating change a search: a submit key may do them to the searches it
/// submitted only, as with cancelling; an admin key to any. A refusal is cancel's 403 and changes nothing.</summary>
public sealed class SearchOwnershipTests
{
    private const string Definition = """
        { "name": "owned", "dataset": "mnist", "model": "mlp", "grid": { "width": [16, 32] }, "fixed": { "epochs": 1 } }
        """;

    private static readonly StoredModel Model = new("test", [1, 2, 3]);

    [Fact]
    public async Task Pin_ByAnotherSubmitKey_Returns403AndChangesNothing()
    {
        await using var owned = await OwnedSearchAsync();

        await AssertForbiddenAsync(await owned.Bob.PostAsync($"/api/trials/{owned.TrialId}/pin", null));

        Assert.Equal(0, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trial_models WHERE pinned"));
        Assert.Equal(HttpStatusCode.NoContent, (await owned.Alice.PostAsync($"/api/trials/{owned.TrialId}/pin", null)).StatusCode);
        Assert.Equal(1, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trial_models WHERE pinned"));
    }

    [Fact]
    public async Task Unpin_ByAnotherSubmitKey_Returns403AndChangesNothing()
    {
        await using var owned = await OwnedSearchAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await owned.Alice.PostAsync($"/api/trials/{owned.TrialId}/pin", null)).StatusCode);

        await AssertForbiddenAsync(await owned.Bob.DeleteAsync($"/api/trials/{owned.TrialId}/pin"));

        Assert.Equal(1, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trial_models WHERE pinned"));
        Assert.Equal(HttpStatusCode.NoContent, (await owned.Alice.DeleteAsync($"/api/trials/{owned.TrialId}/pin")).StatusCode);
        Assert.Equal(0, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trial_models WHERE pinned"));
    }

    [Fact]
    public async Task Evaluate_ByAnotherSubmitKey_Returns403AndQueuesNothing()
    {
        await using var owned = await OwnedSearchAsync();

        await AssertForbiddenAsync(await owned.Bob.PostAsync($"/api/searches/{owned.SearchId}/evaluate", Json("""{ "top": 1, "folds": 2 }""")));

        Assert.Equal(2, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trials"));
        Assert.Equal(2, await owned.Api.Database.ScalarAsync("SELECT trial_count FROM searches"));
        Assert.Equal(HttpStatusCode.Accepted, (await owned.Alice.PostAsync($"/api/searches/{owned.SearchId}/evaluate", Json("""{ "top": 1, "folds": 2 }"""))).StatusCode);
        Assert.Equal(4, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task PinUnpinAndEvaluate_ByAnAdminKey_ChangeAnotherKeysSearch()
    {
        await using var owned = await OwnedSearchAsync();
        var (_, adminSecret) = await owned.Api.CreateKeyAsync("root", ApiKeyScope.Admin);
        using var admin = owned.Api.ClientWithKey(adminSecret);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/trials/{owned.TrialId}/pin", null)).StatusCode);
        Assert.Equal(1, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trial_models WHERE pinned"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/trials/{owned.TrialId}/pin")).StatusCode);
        Assert.Equal(0, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trial_models WHERE pinned"));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/searches/{owned.SearchId}/evaluate", Json("""{ "top": 1, "folds": 2 }"""))).StatusCode);
        Assert.Equal(4, await owned.Api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task PinAndEvaluate_OfWhatDoesNotExist_Return404ToAnyKey()
    {
        await using var owned = await OwnedSearchAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await owned.Bob.PostAsync("/api/trials/999999/pin", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owned.Bob.PostAsync("/api/searches/999999/evaluate", Json("{}"))).StatusCode);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
        }
    }

    /// <summary>Alice's search of two trials, both finished (the first with a kept model); Bob has a submit key too.</summary>
    private static async Task<Owned> OwnedSearchAsync()
    {
        var api = await ApiHost.StartAsync();
        var (_, aliceSecret) = await api.CreateKeyAsync("alice", ApiKeyScope.Submit);
        var (_, bobSecret) = await api.CreateKeyAsync("bob", ApiKeyScope.Submit);
        var alice = api.ClientWithKey(aliceSecret);
        var bob = api.ClientWithKey(bobSecret);
        using var created = await alice.PostAsync("/api/searches", Json(Definition));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var searchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var kept = await api.FinishNextAsync(0.9, model: Model);
        await api.FinishNextAsync(0.8);
        return new Owned(api, alice, bob, searchId, kept.TrialId);
    }

    private sealed record Owned(ApiHost Api, HttpClient Alice, HttpClient Bob, long SearchId, long TrialId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Alice.Dispose();
            Bob.Dispose();
            await Api.DisposeAsync();
        }
    }
}
