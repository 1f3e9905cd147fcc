using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Leaderboard;

public sealed class RepeatsTests
{
    private const string Narrow = """{"width": 10}""";
    private const string Wide = """{"width": 20}""";

    private static object Grid(int repeats) => new { name = "repeated", dataset = "mnist", model = "mlp", repeats, grid = new { width = new[] { 10, 20 } } };

    [Fact]
    public async Task SearchLeaderboard_OfRepeatedConfigurations_SummarizesEachAndRanksByRankBy()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid(repeats: 3));
        // Narrow is noisy: mean 0.96333, lower bound 0.82652. Wide is steady: mean 0.96, s = 0.01,
        // half-width t(0.975, 2) · 0.01/√3 = 4.302653 · 0.0057735 = 0.0248414, so 0.9351586..0.9848414.
        var trials = await SearchRepeats.FinishAllAsync(api, new Dictionary<string, double[]> { [Narrow] = [0.90, 0.99, 1.00], [Wide] = [0.95, 0.97, 0.96] });

        var byMean = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/leaderboard");
        var byLowerBound = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/leaderboard?rankBy=lowerBound");

        Assert.Equal([trials[Narrow][2], trials[Wide][1]], byMean.EnumerateArray().Select(e => e.GetProperty("trialId").GetInt64()));
        Assert.Equal([trials[Wide][1], trials[Narrow][2]], byLowerBound.EnumerateArray().Select(e => e.GetProperty("trialId").GetInt64()));
        Assert.Equal([1, 2], byLowerBound.EnumerateArray().Select(e => e.GetProperty("rank").GetInt32()));
        var wide = byLowerBound[0].GetProperty("repeats");
        Assert.Equal("testAccuracy", wide.GetProperty("metric").GetString());
        Assert.Equal(3, wide.GetProperty("n").GetInt32());
        Assert.Equal(0.96, wide.GetProperty("mean").GetDouble(), 10);
        Assert.Equal(0.01, wide.GetProperty("standardDeviation").GetDouble(), 10);
        Assert.Equal(0.9351586, wide.GetProperty("low").GetDouble(), 7);
        Assert.Equal(0.9848414, wide.GetProperty("high").GetDouble(), 7);
        Assert.Equal((0.95, 0.97), (wide.GetProperty("min").GetDouble(), wide.GetProperty("max").GetDouble()));
        Assert.Equal(trials[Wide].Order(), wide.GetProperty("trialIds").EnumerateArray().Select(t => t.GetInt64()));
        // Welch: t = 0.00333 / √(0.0010111 + 0.0000333) = 0.10: the two cannot be told apart.
        Assert.All(byLowerBound.EnumerateArray(), e => Assert.True(e.GetProperty("repeats").GetProperty("tiedWithBest").GetBoolean()));
    }

    [Fact]
    public async Task ExportByConfiguration_HasOneRowPerGridPointWithItsSummary_AndTrialRowsStayAsTheyWere()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid(repeats: 2));
        var trials = await SearchRepeats.FinishAllAsync(api, new Dictionary<string, double[]> { [Narrow] = [0.90, 0.92], [Wide] = [0.96, 0.98] });

        var rows = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/export?format=json&by=configuration");
        var csv = await api.Client.GetStringAsync($"/api/searches/{id}/export?format=csv&by=configuration");
        var perTrial = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/export?format=json");

        Assert.Equal([20, 10], rows.EnumerateArray().Select(r => r.GetProperty("width").GetInt32()));
        var best = rows[0];
        Assert.Equal(1, best.GetProperty("rank").GetInt32());
        Assert.Equal(trials[Wide][1], best.GetProperty("bestTrialId").GetInt64());
        Assert.Equal(2, best.GetProperty("n").GetInt32());
        Assert.Equal(0.97, best.GetProperty("mean").GetDouble(), 10);
        // s = √(2 · 0.0001 / 1) = 0.0141421; half-width t(0.975, 1) · s/√2 = 12.7062 · 0.01 = 0.127062.
        Assert.Equal(0.97 - 0.127062, best.GetProperty("low").GetDouble(), 5);
        Assert.Equal(trials[Wide].Order(), best.GetProperty("trialIds").EnumerateArray().Select(t => t.GetInt64()));
        Assert.StartsWith("width,rank,bestTrialId,metric,n,mean,standardDeviation,low,high,min,max,tiedWithBest,trialIds\r\n20,1,", csv, StringComparison.Ordinal);
        Assert.Equal(4, perTrial.GetArrayLength());
        Assert.True(perTrial[0].TryGetProperty("testAccuracy", out _));
    }

    [Fact]
    public async Task Export_WithAnUnknownBy_Returns400NamingBy()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid(repeats: 1));

        using var response = await api.Client.GetAsync($"/api/searches/{id}/export?by=seed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("by", out _));
    }
}
