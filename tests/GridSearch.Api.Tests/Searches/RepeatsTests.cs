using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

/// <summary>A definition's repeats through submission: every repeat a trial of its own (its seed the search's
/// seed + its repeat, its configuration's grid point), the result cache, the dry run and the export.</summary>
public sealed class RepeatsTests
{
    private static object Definition(string name, int? repeats = null) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed = 7,
        repeats,
        grid = new { width = new[] { 16, 32 } },
        @fixed = new { depth = 1, epochs = 1, trainSize = 300 },
    };

    private static async Task<JsonElement> PostAsync(ApiHost api, string path, object definition)
    {
        using var response = await api.Client.PostAsJsonAsync(path, definition);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> TrialsAsync(ApiHost api, long searchId)
    {
        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{searchId}/trials?sort=ordinal");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static int Repeat(JsonElement trial) => trial.GetProperty("repeat").GetInt32();

    private static long Seed(JsonElement trial) => trial.GetProperty("config").GetProperty("seed").GetInt64();

    [Fact]
    public async Task Post_WithRepeats_QueuesEveryRepeatWithItsOwnSeedAndItsConfigurationsGridPoint()
    {
        await using var api = await ApiHost.StartAsync();

        var created = await PostAsync(api, "/api/searches", Definition("repeated", repeats: 3));

        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(6, created.GetProperty("trialCount").GetInt32());
        Assert.Equal(3, (await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}")).GetProperty("repeats").GetInt32());
        var trials = await TrialsAsync(api, id);
        Assert.Equal([0, 1, 2, 0, 1, 2], trials.Select(Repeat));
        Assert.Equal([7L, 8, 9, 7, 8, 9], trials.Select(Seed));
        Assert.Equal(6, trials.Select(t => t.GetProperty("configHash").GetString()).Distinct().Count());
        foreach (var configuration in trials.Chunk(3))
        {
            Assert.Single(configuration.Select(t => t.GetProperty("gridPoint").GetRawText()).Distinct());
        }

        var single = await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{trials[5].GetProperty("id").GetInt64()}");
        Assert.Equal(2, Repeat(single));
        Assert.Equal(6, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND repeat = ((config->>'seed')::bigint - 7)"));
    }

    [Fact]
    public async Task Export_OfARepeatedSearch_HasEachTrialsRepeat()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("exported", repeats: 2));

        var rows = CsvReader.Parse(await api.Client.GetStringAsync($"/api/searches/{id}/export?format=csv"));
        var json = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/export?format=json");

        var repeat = rows[0].IndexOf("repeat");
        var seed = rows[0].IndexOf("seed");
        Assert.Equal(rows[0].IndexOf("ordinal") + 1, repeat);
        Assert.Equal(["0", "1", "0", "1"], rows.Skip(1).Select(r => r[repeat]));
        Assert.Equal(["7", "8", "7", "8"], rows.Skip(1).Select(r => r[seed]));
        Assert.Equal([0, 1, 0, 1], json.EnumerateArray().Select(r => r.GetProperty("repeat").GetInt32()));
    }

    [Fact]
    public async Task Post_WithRepeatsAfterTheSameSearchWithout_AnswersRepeatZeroFromTheCacheAndQueuesTheOthers()
    {
        await using var api = await ApiHost.StartAsync();
        var first = await api.SubmitAsync(Definition("first"));
        await api.FinishNextAsync(0.81);
        await api.FinishNextAsync(0.82);

        var created = await PostAsync(api, "/api/searches", Definition("repeated", repeats: 3));

        Assert.Equal(2, created.GetProperty("cached").GetInt32());
        var sources = (await TrialsAsync(api, first)).ToDictionary(t => t.GetProperty("gridPoint").GetRawText(), t => t.GetProperty("id").GetInt64());
        var trials = await TrialsAsync(api, created.GetProperty("id").GetInt64());
        Assert.Equal(["succeeded", "queued", "queued", "succeeded", "queued", "queued"], trials.Select(t => t.GetProperty("status").GetString()));
        foreach (var trial in trials)
        {
            var cachedFrom = trial.GetProperty("cachedFrom");
            if (Repeat(trial) == 0)
            {
                Assert.Equal(sources[trial.GetProperty("gridPoint").GetRawText()], cachedFrom.GetInt64());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, cachedFrom.ValueKind);
            }
        }
    }

    [Fact]
    public async Task Plan_WithRepeats_CountsEveryRepeatAndShowsEachRowsRepeatAndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(Definition("first"));
        await api.FinishNextAsync(0.81);
        await api.FinishNextAsync(0.82);
        var searchesBefore = await api.Database.ScalarAsync("SELECT count(*) FROM searches");

        var plan = await PostAsync(api, "/api/searches/plan", Definition("repeated", repeats: 3));

        Assert.Equal(6, plan.GetProperty("trialCount").GetInt32());
        Assert.Equal(3, plan.GetProperty("repeats").GetInt32());
        Assert.Equal(0, plan.GetProperty("collapsed").GetInt32());
        Assert.Equal(2, plan.GetProperty("cached").GetInt32());
        Assert.Equal(4, plan.GetProperty("toTrain").GetInt32());
        var rows = plan.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 0, 1, 2], rows.Select(Repeat));
        Assert.All(rows, r => Assert.Equal(Repeat(r) == 0, r.GetProperty("cachedFrom").ValueKind == JsonValueKind.Number));
        Assert.Equal(searchesBefore, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("101", null)]
    [InlineData("1.5", null)]
    [InlineData("\"2\"", null)]
    [InlineData("3", 5)]
    public async Task Post_WithBadRepeats_Returns400NamingRepeatsAndWritesNothing(string repeats, int? maxTrials)
    {
        await using var api = await ApiHost.StartAsync(maxTrials);
        var body = $$"""{ "dataset": "mnist", "model": "mlp", "repeats": {{repeats}}, "grid": { "width": [16, 32] }, "fixed": { "epochs": 1 } }""";

        using var response = await api.Client.PostAsync("/api/searches", new StringContent(body, Encoding.UTF8, "application/json"));
        using var plan = await api.Client.PostAsync("/api/searches/plan", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, plan.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("repeats", out _), $"errors should name repeats: {problem}");
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }
}
