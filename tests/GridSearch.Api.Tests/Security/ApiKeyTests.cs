using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridSearch.Core.Access;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Security;

public sealed class ApiKeyTests
{
    private const string Definition = """
        { "name": "keys", "dataset": "mnist", "model": "mlp", "grid": { "width": [16, 32] }, "fixed": { "epochs": 1 } }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PostKeys_OnAnOpenService_ReturnsTheSecretOnce_AndFromThenOnEveryRequestNeedsAKey()
    {
        await using var api = await ApiHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/searches")).StatusCode);

        using var created = await api.Client.PostAsync("/api/keys", Json("""{ "name": "root", "scope": "admin" }"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("gs_", secret, StringComparison.Ordinal);
        Assert.Equal("admin", body.GetProperty("scope").GetString());
        using var anonymous = await api.Client.GetAsync("/api/searches");
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        using var admin = api.ClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/searches")).StatusCode);
    }

    [Fact]
    public async Task GetKeys_ListsNameScopeAndDates_NeverTheSecretOrItsHash()
    {
        await using var api = await ApiHost.StartAsync();
        var (_, secret) = await api.CreateKeyAsync("root", ApiKeyScope.Admin);
        using var admin = api.ClientWithKey(secret);
        await admin.PostAsync("/api/keys", Json("""{ "name": "alice", "scope": "submit" }"""));

        var text = await admin.GetStringAsync("/api/keys");

        var keys = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal(["root", "alice"], keys.EnumerateArray().Select(k => k.GetProperty("name").GetString()));
        Assert.Equal(["id", "name", "scope", "createdAt", "revokedAt"], keys[0].EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(ApiKeyScope.Read)]
    [InlineData(ApiKeyScope.Submit)]
    public async Task KeysEndpoints_WithANonAdminKey_Return403(ApiKeyScope scope)
    {
        await using var api = await ApiHost.StartAsync();
        var (_, secret) = await api.CreateKeyAsync("someone", scope);
        using var client = api.ClientWithKey(secret);

        await AssertProblemAsync(await client.GetAsync("/api/keys"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await client.PostAsync("/api/keys", Json("""{ "name": "x", "scope": "admin" }""")), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await client.DeleteAsync("/api/keys/1"), HttpStatusCode.Forbidden);
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM api_keys"));
    }

    [Fact]
    public async Task PostSearch_WithAReadKey_Returns403AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        var (_, secret) = await api.CreateKeyAsync("reader", ApiKeyScope.Read);
        using var reader = api.ClientWithKey(secret);

        await AssertProblemAsync(await reader.PostAsync("/api/searches", Json(Definition)), HttpStatusCode.Forbidden);

        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/searches")).StatusCode);
    }

    [Fact]
    public async Task Cancel_WithASubmitKey_CancelsItsOwnSearch_AndIsRefusedOthers_WhichAnAdminMayCancel()
    {
        await using var api = await ApiHost.StartAsync();
        var (_, aliceSecret) = await api.CreateKeyAsync("alice", ApiKeyScope.Submit);
        var (_, bobSecret) = await api.CreateKeyAsync("bob", ApiKeyScope.Submit);
        var (_, adminSecret) = await api.CreateKeyAsync("root", ApiKeyScope.Admin);
        using var alice = api.ClientWithKey(aliceSecret);
        using var bob = api.ClientWithKey(bobSecret);
        using var admin = api.ClientWithKey(adminSecret);
        var first = await IdOfAsync(await alice.PostAsync("/api/searches", Json(Definition)));
        var second = await IdOfAsync(await alice.PostAsync("/api/searches", Json(Definition.Replace("\"keys\"", "\"keys-2\"", StringComparison.Ordinal))));

        await AssertProblemAsync(await bob.PostAsync($"/api/searches/{first}/cancel", null), HttpStatusCode.Forbidden);
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM trials WHERE status = 'cancelled'"));
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/api/searches/{first}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/searches/{second}/cancel", null)).StatusCode);
        Assert.Equal(2, await api.Database.ScalarAsync(
            "SELECT count(*) FROM searches s JOIN api_keys k ON k.id = s.submitted_by_key_id WHERE k.name = 'alice' AND s.cancelled_at IS NOT NULL"));
    }

    [Fact]
    public async Task RevokedKey_Returns401()
    {
        await using var api = await ApiHost.StartAsync();
        var (_, adminSecret) = await api.CreateKeyAsync("root", ApiKeyScope.Admin);
        var (aliceId, aliceSecret) = await api.CreateKeyAsync("alice", ApiKeyScope.Submit);
        using var admin = api.ClientWithKey(adminSecret);
        using var alice = api.ClientWithKey(aliceSecret);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/searches")).StatusCode);

        using var revoked = await admin.DeleteAsync($"/api/keys/{aliceId}");

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True((await revoked.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("revokedAt", out var at) && at.ValueKind == JsonValueKind.String);
        await AssertProblemAsync(await alice.GetAsync("/api/searches"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await admin.DeleteAsync("/api/keys/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RequireApiKey_WithNoKeys_Returns401ButHealthStaysOpen()
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["GridSearch:RequireApiKey"] = "true" });

        await AssertProblemAsync(await api.Client.GetAsync("/api/searches"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await api.Client.PostAsync("/api/keys", Json("""{ "name": "x", "scope": "admin" }""")), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task OpenReads_LetsRequestsWithoutAKeyRead_ButNotSubmit()
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["GridSearch:OpenReads"] = "true" });
        await api.CreateKeyAsync("root", ApiKeyScope.Admin);

        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/searches")).StatusCode);
        await AssertProblemAsync(await api.Client.PostAsync("/api/searches", Json(Definition)), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await api.Client.GetAsync("/api/keys"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Bearer gs_not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("gs_without_scheme")]
    public async Task BadAuthorization_Returns401_EvenOnAnOpenService(string header)
    {
        await using var api = await ApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/searches");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        await AssertProblemAsync(await api.Client.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AccessToken_IsAcceptedOnEventStreamsAndExports_Only()
    {
        await using var api = await ApiHost.StartAsync();
        var (_, secret) = await api.CreateKeyAsync("dashboard", ApiKeyScope.Read);
        var token = Uri.EscapeDataString(secret);
        using var submitter = api.ClientWithKey((await api.CreateKeyAsync("s", ApiKeyScope.Submit)).Secret);
        var id = await IdOfAsync(await submitter.PostAsync("/api/searches", Json(Definition)));

        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"/api/searches/{id}/export?format=csv&access_token={token}")).StatusCode);
        using var stream = await api.Client.GetAsync($"/api/searches/{id}/events?access_token={token}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        await AssertProblemAsync(await api.Client.GetAsync($"/api/searches/{id}?access_token={token}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminKeyFromTheEnvironment_IsStoredAtFirstStartAsAdmin()
    {
        var secret = ApiKeySecret.New();
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { [AccessOptions.AdminKeyEnvironmentVariable] = secret });
        using var admin = api.ClientWithKey(secret);

        var keys = await admin.GetFromJsonAsync<JsonElement>("/api/keys");

        Assert.Equal(("admin", "admin"), (keys[0].GetProperty("name").GetString(), keys[0].GetProperty("scope").GetString()));
        await AssertProblemAsync(await api.Client.GetAsync("/api/searches"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Swagger_DescribesTheBearerScheme()
    {
        await using var api = await ApiHost.StartAsync();

        var document = await api.Client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
    }

    private static async Task<long> IdOfAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
    }
}
