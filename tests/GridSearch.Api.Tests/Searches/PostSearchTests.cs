using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

public sealed class PostSearchTests
{
    private const string DepthWidth = """
        { "name": "mnist-depth-width", "dataset": "mnist", "model": "mlp", "seed": 42,
          "grid":  { "depth": [2, 3, 4], "width": [50, 100, 200, 400], "activation": ["relu"] },
          "fixed": { "optimizer": "adam", "learningRate": 0.001, "batchSize": 128, "epochs": 5, "valSplit": 0.1 } }
        """;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string WithStrategy(string strategy) =>
        DepthWidth.Replace("\"seed\": 42,", $"\"seed\": 42, \"strategy\": {strategy},", StringComparison.Ordinal);

    private static async Task AssertNothingWrittenAsync(ApiHost api)
    {
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Post_ValidDefinition_Returns201WithLocationAndQueuesEveryTrial()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsync("/api/searches", Json(DepthWidth));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/searches/{id}", response.Headers.Location!.ToString());
        Assert.Equal("mnist-depth-width", body.GetProperty("name").GetString());
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.Equal(12, body.GetProperty("trialCount").GetInt32());
        Assert.True(body.TryGetProperty("createdAt", out _));
        Assert.Equal(12, await api.Database.ScalarAsync("SELECT count(*) FROM trials WHERE status = 'queued'"));
        Assert.Equal(12, await api.Database.ScalarAsync("SELECT count(DISTINCT config_hash) FROM trials"));
    }

    [Theory]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [] } }""", "grid.depth")]
    [InlineData("""{ "dataset": "svhn", "model": "mlp" }""", "dataset")]
    [InlineData("""{ "dataset": "mnist", "model": "transformer" }""", "model")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "heads": [2, 4] } }""", "grid.heads")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "activation": ["relu", "swish"] } }""", "grid.activation[1]")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "optimizer": "lbfgs" } }""", "fixed.optimizer")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "width": ["wide"] } }""", "grid.width[0]")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "width": -5 } }""", "fixed.width")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "batchSize": 0 } }""", "fixed.batchSize")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "epochs": 0 } }""", "fixed.epochs")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "learningRate": [0.01, -1] } }""", "grid.learningRate[1]")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "dropout": 1.5 } }""", "fixed.dropout")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "valSplit": 1.0 } }""", "fixed.valSplit")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": { "valSplit": 0.2, "trainSize": 50000 } }""", "fixed.trainSize")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "epochs": 5 } }""", "grid.epochs")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "fixed": "adam" }""", "fixed")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "limits": { "maxTrials": 0 } }""", "limits.maxTrials")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "limits": { "timeLimitMinutes": 0 } }""", "limits.timeLimitMinutes")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "limits": { "target": { "metric": "speed", "value": 1 } } }""", "limits.target.metric")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "limits": { "target": { "metric": "valAccuracy", "value": 99 } } }""", "limits.target.value")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "limits": 40 }""", "limits")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "pruner": { "kind": "hyperband" } }""", "pruner.kind")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "pruner": { "kind": "asha", "reductionFactor": 1 } }""", "pruner.reductionFactor")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "pruner": { "kind": "median", "minEpochs": -1 } }""", "pruner.minEpochs")]
    public async Task Post_WithBadField_Returns400NamingTheFieldAndWritesNothing(string definition, string field)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsync("/api/searches", Json(definition));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        await AssertNothingWrittenAsync(api);
    }

    [Fact]
    public async Task Post_WithEmptyAxis_Returns400AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsync("/api/searches", Json("""{ "dataset": "mnist", "model": "mlp", "grid": { "width": [] } }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingWrittenAsync(api);
    }

    [Theory]
    [InlineData("{ \"dataset\": \"mnist\", ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Post_MalformedJson_Returns400AndWritesNothing(string body)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsync("/api/searches", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
        await AssertNothingWrittenAsync(api);
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"mnist\"")]
    [InlineData("42")]
    public async Task Post_NonObjectBody_Returns400AndWritesNothing(string body)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsync("/api/searches", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingWrittenAsync(api);
    }

    [Fact]
    public async Task Post_MoreTrialsThanTheLimit_Returns400SayingHowManyTheGridWouldMake()
    {
        await using var api = await ApiHost.StartAsync(maxTrials: 100);

        using var response = await api.Client.PostAsync("/api/searches", Json("""
            { "dataset": "mnist", "model": "mlp", "grid": { "width": { "min": 10, "max": 500, "step": 10 }, "depth": [1, 2, 3] } }
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("150 trials", problem.GetProperty("errors").GetProperty("grid")[0].GetString());
        await AssertNothingWrittenAsync(api);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_ReturnsTheFirstSearchAndCreatesNothing()
    {
        await using var api = await ApiHost.StartAsync();

        async Task<JsonElement> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/searches") { Content = Json(DepthWidth) };
            request.Headers.Add("Idempotency-Key", "nightly-2026-11-21");
            using var response = await api.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var first = await PostAsync();
        var second = await PostAsync();

        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(12, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyConcurrently_CreatesOneSearch()
    {
        await using var api = await ApiHost.StartAsync();

        var posts = Enumerable.Range(0, 6).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/searches") { Content = Json(DepthWidth) };
            request.Headers.Add("Idempotency-Key", "same-key");
            using var response = await api.Client.SendAsync(request);
            // Every one a replay of the first, as the key promises, none a duplicate of it.
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        });

        var ids = await Task.WhenAll(posts);

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(12, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Post_WithRandomStrategy_QueuesOnlyTheSampledGridPoints()
    {
        await using var api = await ApiHost.StartAsync();
        using var response = await api.Client.PostAsync("/api/searches", Json(WithStrategy("""{ "kind": "random", "count": 5 }""")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, body.GetProperty("trialCount").GetInt32());
        Assert.Equal(5, await api.Database.ScalarAsync("SELECT count(DISTINCT grid_point::text) FROM trials WHERE status = 'queued'"));
    }

    [Fact]
    public async Task Post_WithRandomStrategyWithoutASize_Returns400NamingStrategyAndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        using var response = await api.Client.PostAsync("/api/searches", Json(WithStrategy("""{ "kind": "random" }""")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("strategy", out _));
        await AssertNothingWrittenAsync(api);
    }
}
