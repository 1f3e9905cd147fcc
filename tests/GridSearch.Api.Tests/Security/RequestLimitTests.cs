using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Security;

public sealed class RequestLimitTests
{
    private const string Definition = """
        { "name": "limits", "dataset": "mnist", "model": "mlp", "grid": { "width": [16, 32] }, "fixed": { "epochs": 1 } }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Post_WithSameIdempotencyKeyAndOtherBody_Returns422AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/searches") { Content = Json(Definition) };
        first.Headers.Add("Idempotency-Key", "retry-1");
        Assert.Equal(HttpStatusCode.Created, (await api.Client.SendAsync(first)).StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/searches") { Content = Json(Definition.Replace("32", "64", StringComparison.Ordinal)) };
        other.Headers.Add("Idempotency-Key", "retry-1");

        using var response = await api.Client.SendAsync(other);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(2, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Post_WithSameIdempotencyKeyAndSameBody_ReplaysTheFirstSearch()
    {
        await using var api = await ApiHost.StartAsync();
        var ids = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/searches") { Content = Json(Definition) };
            request.Headers.Add("Idempotency-Key", "retry-2");
            using var response = await api.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }

        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Post_BeyondTheSubmissionRate_Returns429WithRetryAfter()
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["GridSearch:Limits:SubmissionsPerWindow"] = "2",
            ["GridSearch:Limits:WindowSeconds"] = "600",
        });
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsync("/api/searches", Json(Definition.Replace("limits", $"limits-{i}", StringComparison.Ordinal)))).StatusCode);
        }

        using var refused = await api.Client.PostAsync("/api/searches", Json(Definition));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, refused.Headers.ToString());
        Assert.Equal(2, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync("/api/searches")).StatusCode);
    }

    [Theory]
    [InlineData("/api/searches/plan", "PlansPerWindow")]
    [InlineData("/api/searches/{search}/evaluate", "EvaluationsPerWindow")]
    [InlineData("/api/trials/{trial}/predict", "PredictionsPerWindow")]
    public async Task Post_BeyondItsRate_Returns429WithRetryAfterAndQueuesNothing(string path, string option)
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            [$"GridSearch:Limits:{option}"] = "1",
            ["GridSearch:Limits:WindowSeconds"] = "600",
        });
        var search = await api.SubmitAsync(JsonSerializer.Deserialize<JsonElement>(Definition));
        var trial = (await api.FinishNextAsync(0.9)).TrialId;
        await api.FinishNextAsync(0.8);
        var url = path.Replace("{search}", $"{search}", StringComparison.Ordinal).Replace("{trial}", $"{trial}", StringComparison.Ordinal);
        // The first request is answered (whatever it answers); the limit counts it all the same.
        using var first = await api.Client.PostAsync(url, Json(path.EndsWith("evaluate", StringComparison.Ordinal) ? """{ "top": 1, "folds": 2 }""" : Definition));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        var trials = await api.Database.ScalarAsync("SELECT count(*) FROM trials");

        using var refused = await api.Client.PostAsync(url, Json("""{ "top": 2, "folds": 3 }"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, refused.Headers.ToString());
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains(option, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(trials, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
        // Each limit is its own: the others still answer.
        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsync("/api/searches", Json(Definition.Replace("limits", "other", StringComparison.Ordinal)))).StatusCode);
    }

    [Fact]
    public async Task Post_WithABodyOverTheLimit_Returns413AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["GridSearch:Limits:MaxRequestBodyBytes"] = "4096" });
        var big = Definition.Replace("\"limits\"", "\"" + new string('x', 5000) + "\"", StringComparison.Ordinal);

        using var declared = await api.Client.PostAsync("/api/searches", Json(big));
        using var chunked = await api.Client.PostAsync("/api/searches", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) { Headers = { ContentType = new("application/json") } });

        foreach (var response in new[] { declared, chunked })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Post_NestedDeeperThanTheLimit_Returns400NamingTheBody()
    {
        await using var api = await ApiHost.StartAsync();
        var deep = "{ \"name\": " + new string('[', 40) + new string(']', 40) + " }";

        using var response = await api.Client.PostAsync("/api/searches", Json(deep));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), problem.ToString());
    }

    [Theory]
    [InlineData("/api/searches?page=abc", "page")]
    [InlineData("/api/searches?pageSize=99999999999", "pageSize")]
    [InlineData("/api/leaderboard?top=1e3", "top")]
    public async Task Get_WithAnUnbindableQueryValue_Returns400NamingIt(string path, string field)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
