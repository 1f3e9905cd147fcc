using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridSearch.Core.Access;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

/// <summary>A definition submitted again answers with the earlier search (200, duplicate: true) unless
/// ?new=true; the rule itself is tested in Core (DuplicateRuleTests).</summary>
public sealed class DuplicateSubmissionTests
{
    private const string Definition = """
        { "name": "twice", "dataset": "mnist", "model": "mlp", "grid": { "width": [16, 32] }, "fixed": { "epochs": 1 } }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string url = "/api/searches", string definition = Definition)
    {
        using var response = await client.PostAsync(url, Json(definition));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Post_SameDefinitionAgain_Returns200WithTheEarlierSearchMarkedDuplicate_AndQueuesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        var (createdStatus, created) = await PostAsync(api.Client);
        await api.FinishNextAsync(0.9);

        var (status, again) = await PostAsync(api.Client, definition: Definition.Replace("\n", " ", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, createdStatus);
        Assert.False(created.GetProperty("duplicate").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(created.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.Equal("running", again.GetProperty("status").GetString());
        Assert.Equal(2, again.GetProperty("trialCount").GetInt32());
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(2, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Post_SameDefinitionWithNewTrue_Returns201WithANewSearch()
    {
        await using var api = await ApiHost.StartAsync();
        var (_, first) = await PostAsync(api.Client);

        var (status, forced) = await PostAsync(api.Client, "/api/searches?new=true");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.False(forced.GetProperty("duplicate").GetBoolean());
        Assert.NotEqual(first.GetProperty("id").GetInt64(), forced.GetProperty("id").GetInt64());
        Assert.Equal(4, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Post_SameDefinitionAfterTheEarlierSearchWasCancelled_Returns201WithANewSearch()
    {
        await using var api = await ApiHost.StartAsync();
        var (_, first) = await PostAsync(api.Client);
        var id = first.GetProperty("id").GetInt64();
        (await api.Client.PostAsync($"/api/searches/{id}/cancel", null)).EnsureSuccessStatusCode();

        var (status, again) = await PostAsync(api.Client);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotEqual(id, again.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Post_SameDefinitionByAnotherKey_MakesItsOwnSearch_AndEachKeyGetsItsOwnBack()
    {
        await using var api = await ApiHost.StartAsync();
        using var alice = api.ClientWithKey((await api.CreateKeyAsync("alice", ApiKeyScope.Submit)).Secret);
        using var bob = api.ClientWithKey((await api.CreateKeyAsync("bob", ApiKeyScope.Submit)).Secret);
        var (_, alices) = await PostAsync(alice);

        var (bobStatus, bobs) = await PostAsync(bob);
        var (aliceStatus, alicesAgain) = await PostAsync(alice);

        Assert.Equal(HttpStatusCode.Created, bobStatus);
        Assert.NotEqual(alices.GetProperty("id").GetInt64(), bobs.GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, aliceStatus);
        Assert.Equal(alices.GetProperty("id").GetInt64(), alicesAgain.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Post_NewThatIsNotABoolean_Returns400AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsync("/api/searches?new=please", Json(Definition));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }
}
