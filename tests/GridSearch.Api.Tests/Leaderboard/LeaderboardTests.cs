using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Leaderboard;

public sealed class LeaderboardTests
{
    private static object Definition(string dataset, int trials) => new
    {
        name = $"{dataset}-widths",
        dataset,
        model = "mlp",
        grid = new { width = Enumerable.Range(1, trials).Select(i => i * 10).ToArray() },
    };

    [Fact]
    public async Task SearchLeaderboard_ListsOnlySucceededTrialsBestFirstWithTiesByTrialId()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("mnist", 5));
        var a = await api.FinishNextAsync(0.95);
        var b = await api.FinishNextAsync(0.97);
        var c = await api.FinishNextAsync(0.95);
        await api.Queue.ClaimAsync("w", CancellationToken.None);

        var board = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/leaderboard?top=10");

        var entries = board.EnumerateArray().ToList();
        Assert.Equal([b.TrialId, a.TrialId, c.TrialId], entries.Select(e => e.GetProperty("trialId").GetInt64()));
        Assert.Equal([1, 2, 3], entries.Select(e => e.GetProperty("rank").GetInt32()));
        Assert.All(entries, e => Assert.Equal(id, e.GetProperty("searchId").GetInt64()));
        Assert.All(entries, e => Assert.Equal("mnist", e.GetProperty("config").GetProperty("dataset").GetString()));
        // Unrepeated: each configuration is one trial, without an interval or a tie to test.
        Assert.All(entries, e => Assert.Equal(1, e.GetProperty("repeats").GetProperty("n").GetInt32()));
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("repeats").GetProperty("low").ValueKind));
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("repeats").GetProperty("tiedWithBest").ValueKind));
    }

    [Fact]
    public async Task Leaderboards_LeaveOutPrunedTrials_UnlessIncludePrunedIsTrue()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("mnist", 3));
        var kept = await api.FinishNextAsync(0.90);
        var pruned = await api.FinishNextAsync(0.95, stopReason: "pruned");
        await api.FinishNextAsync(0.80);

        async Task<List<long>> BoardAsync(string url) =>
            [.. (await api.Client.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Select(e => e.GetProperty("trialId").GetInt64())];

        Assert.DoesNotContain(pruned.TrialId, await BoardAsync($"/api/searches/{id}/leaderboard"));
        Assert.DoesNotContain(pruned.TrialId, await BoardAsync("/api/leaderboard?dataset=mnist"));
        Assert.Equal(pruned.TrialId, (await BoardAsync($"/api/searches/{id}/leaderboard?includePruned=true"))[0]);
        Assert.Equal(pruned.TrialId, (await BoardAsync("/api/leaderboard?includePruned=true"))[0]);
        var search = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}");
        Assert.Equal(kept.TrialId, search.GetProperty("best").GetProperty("trialId").GetInt64());
        Assert.Equal(JsonValueKind.Null, search.GetProperty("stopReason").ValueKind);
    }

    [Fact]
    public async Task SearchLeaderboard_ByTestLoss_PutsTheLowestLossFirstAndHonoursTop()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("mnist", 3));
        await api.FinishNextAsync(0.95, loss: 0.30);
        var lowest = await api.FinishNextAsync(0.90, loss: 0.10);
        await api.FinishNextAsync(0.97, loss: 0.20);

        var board = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/leaderboard?top=2&metric=testLoss");

        Assert.Equal(2, board.GetArrayLength());
        Assert.Equal(lowest.TrialId, board[0].GetProperty("trialId").GetInt64());
    }

    [Theory]
    [InlineData("top=0", "top")]
    [InlineData("top=100000", "top")]
    [InlineData("metric=speed", "metric")]
    [InlineData("rankBy=median", "rankBy")]
    public async Task SearchLeaderboard_WithBadQuery_Returns400NamingTheParameter(string query, string field)
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("mnist", 1));

        using var response = await api.Client.GetAsync($"/api/searches/{id}/leaderboard?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task GlobalLeaderboard_RanksAcrossSearchesAndFiltersByDataset()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(Definition("mnist", 2));
        var mnistBest = await api.FinishNextAsync(0.98);
        var mnistOther = await api.FinishNextAsync(0.96);
        await api.SubmitAsync(Definition("fashion-mnist", 1));
        var fashion = await api.FinishNextAsync(0.99);

        var all = await api.Client.GetFromJsonAsync<JsonElement>("/api/leaderboard?top=10");
        var mnist = await api.Client.GetFromJsonAsync<JsonElement>("/api/leaderboard?dataset=mnist&top=10");

        Assert.Equal([fashion.TrialId, mnistBest.TrialId, mnistOther.TrialId], all.EnumerateArray().Select(e => e.GetProperty("trialId").GetInt64()));
        Assert.Equal([mnistBest.TrialId, mnistOther.TrialId], mnist.EnumerateArray().Select(e => e.GetProperty("trialId").GetInt64()));
    }

    [Fact]
    public async Task GlobalLeaderboard_OfASearchRunAgain_ShowsEachConfigurationOnce_AsTheTrainedTrial()
    {
        await using var api = await ApiHost.StartAsync();
        var definition = Definition("mnist", 2);
        var first = await api.SubmitAsync(definition);
        var best = await api.FinishNextAsync(0.98);
        var next = await api.FinishNextAsync(0.96);
        // Forced past the duplicate rule: the result cache answers every trial with a copy.
        using var again = await api.Client.PostAsJsonAsync("/api/searches?new=true", definition);
        var copy = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var all = await api.Client.GetFromJsonAsync<JsonElement>("/api/leaderboard?top=10");
        var ofCopy = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{copy}/leaderboard?top=10");

        Assert.NotEqual(first, copy);
        Assert.Equal([best.TrialId, next.TrialId], all.EnumerateArray().Select(e => e.GetProperty("trialId").GetInt64()));
        Assert.Equal(2, ofCopy.GetArrayLength());
        Assert.All(ofCopy.EnumerateArray(), e => Assert.Equal(copy, e.GetProperty("searchId").GetInt64()));
    }

    [Fact]
    public async Task GlobalLeaderboard_WithUnknownDataset_Returns400()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync("/api/leaderboard?dataset=cifar10");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
