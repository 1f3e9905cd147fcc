using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Metrics;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

/// <summary>The result cache: a trial whose dataset, resolved config (seed included) and engine version
/// already succeeded in any search is recorded at submission with that result, never queued nor claimed.</summary>
public sealed class ResultCacheTests
{
    private static object Definition(string name, int seed = 7, bool? reuse = null, int[]? widths = null) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed,
        reuse,
        grid = new { width = widths ?? [16, 32, 64] },
        @fixed = new { depth = 1, epochs = 1, trainSize = 300 },
    };

    private static async Task<JsonElement> PostAsync(ApiHost api, object definition)
    {
        using var response = await api.Client.PostAsJsonAsync("/api/searches", definition);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> TrialsAsync(ApiHost api, long searchId)
    {
        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{searchId}/trials?sort=ordinal");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Runs every queued trial the way a worker would, each with a result of its own.</summary>
    private static async Task FinishAllAsync(ApiHost api, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await api.FinishNextAsync(accuracy: 0.80 + (i / 100.0), loss: 0.5 - (i / 100.0));
        }
    }

    private static async Task<long> ClaimsAsync(ApiHost api) =>
        (await new QueueStatisticsQuery(api.Database.DataSource).ReadAsync(CancellationToken.None)).Statistics.Claims;

    [Fact]
    public async Task RepeatedSearch_IsAnsweredByTheCacheWithoutAnyClaim_CompletedAtOnceWithTheSourcesMetricsAndEpochs()
    {
        await using var api = await ApiHost.StartAsync();
        var first = (await PostAsync(api, Definition("first"))).GetProperty("id").GetInt64();
        await FinishAllAsync(api, 3);
        var claimsBefore = await ClaimsAsync(api);

        var created = await PostAsync(api, Definition("again"));

        Assert.Equal(3, created.GetProperty("cached").GetInt32());
        Assert.Equal("completed", created.GetProperty("status").GetString());
        var again = created.GetProperty("id").GetInt64();
        Assert.Null(await api.Queue.ClaimAsync("another-worker", CancellationToken.None));
        Assert.Equal(claimsBefore, await ClaimsAsync(api));
        Assert.Equal(0, await api.Database.ScalarAsync($"SELECT coalesce(sum(attempts), 0) FROM trials WHERE search_id = {again}"));
        Assert.Equal(0, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {again} AND worker IS NOT NULL"));

        var sources = await TrialsAsync(api, first);
        var copies = await TrialsAsync(api, again);
        Assert.Equal(3, copies.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("succeeded", copies[i].GetProperty("status").GetString());
            Assert.Equal(sources[i].GetProperty("id").GetInt64(), copies[i].GetProperty("cachedFrom").GetInt64());
            Assert.Equal(JsonValueKind.Null, sources[i].GetProperty("cachedFrom").ValueKind);
            Assert.Equal(sources[i].GetProperty("result").GetRawText(), copies[i].GetProperty("result").GetRawText());
            Assert.Equal(sources[i].GetProperty("gridPoint").GetRawText(), copies[i].GetProperty("gridPoint").GetRawText());
            var source = await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{sources[i].GetProperty("id").GetInt64()}");
            var copy = await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{copies[i].GetProperty("id").GetInt64()}");
            Assert.Equal(source.GetProperty("epochs").GetRawText(), copy.GetProperty("epochs").GetRawText());
            Assert.Equal(1, copy.GetProperty("epochs").GetArrayLength());
        }

        var search = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{again}");
        Assert.Equal("completed", search.GetProperty("status").GetString());
        Assert.Equal(3, search.GetProperty("counts").GetProperty("succeeded").GetInt32());
        Assert.Equal(
            sources.Max(t => t.GetProperty("result").GetProperty("testAccuracy").GetDouble()),
            search.GetProperty("best").GetProperty("testAccuracy").GetDouble());
    }

    [Fact]
    public async Task ReuseFalse_QueuesEveryTrialToBeTrainedAgain()
    {
        await using var api = await ApiHost.StartAsync();
        await PostAsync(api, Definition("first"));
        await FinishAllAsync(api, 3);

        var created = await PostAsync(api, Definition("fresh", reuse: false));

        Assert.Equal(0, created.GetProperty("cached").GetInt32());
        Assert.Equal("queued", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(3, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'queued' AND cached_from IS NULL"));
    }

    [Fact]
    public async Task OnlyTrialsWithTheSameConfigSeedAndEngineAndAReusableEnding_AreAnswered()
    {
        await using var api = await ApiHost.StartAsync();
        await PostAsync(api, Definition("first"));
        await FinishAllAsync(api, 3);
        // The width-64 result came from another engine version; the width-32 one was stopped by a cancel.
        await api.Database.ExecuteAsync("UPDATE trials SET engine_version = 'older' WHERE grid_point->>'width' = '64'");
        await api.Database.ExecuteAsync("UPDATE trials SET stop_reason = 'cancelled' WHERE grid_point->>'width' = '32'");

        var partly = await PostAsync(api, Definition("partly", widths: [16, 32, 64, 128]));
        var otherSeed = await PostAsync(api, Definition("other-seed", seed: 8));

        Assert.Equal(1, partly.GetProperty("cached").GetInt32());
        Assert.Equal("running", partly.GetProperty("status").GetString());
        var trials = await TrialsAsync(api, partly.GetProperty("id").GetInt64());
        Assert.Equal(["succeeded", "queued", "queued", "queued"], trials.Select(t => t.GetProperty("status").GetString()));
        Assert.Equal(0, otherSeed.GetProperty("cached").GetInt32());
    }

    [Fact]
    public async Task ReuseThatIsNotABoolean_Is400NamingTheField_AndNothingIsWritten()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsJsonAsync("/api/searches", new { dataset = "mnist", model = "mlp", reuse = "yes" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("reuse", out _));
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }
}
