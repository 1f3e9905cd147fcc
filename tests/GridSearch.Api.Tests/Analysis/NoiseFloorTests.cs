using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Analysis;

public sealed class NoiseFloorTests
{
    private static object Grid(int repeats) => new { name = "repeated", dataset = "mnist", model = "mlp", repeats, grid = new { width = new[] { 10, 20 } } };

    [Fact]
    public async Task Analysis_OfRepeatedConfigurations_StatesTheNoiseFloorAndExplainsTheMeans()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid(repeats: 2));
        // Width 10: 0.90, 0.92; width 20: 0.96, 0.98. Mean 0.94; total Σ(x − 0.94)² = 0.0016 + 0.0004 + 0.0004 + 0.0016 = 0.004;
        // within configurations 0.0002 + 0.0002 = 0.0004, so the noise floor is 0.1 and width's share of the repeats 0.9.
        // On the configurations' means (0.91, 0.97) width explains everything: importance 1.
        var trials = await SearchRepeats.FinishAllAsync(api, new Dictionary<string, double[]> { ["""{"width": 10}"""] = [0.90, 0.92], ["""{"width": 20}"""] = [0.96, 0.98] });

        var analysis = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/analysis");

        Assert.Equal(0.1, analysis.GetProperty("noiseFloor").GetDouble(), 10);
        Assert.StartsWith("10.0% of the variance", analysis.GetProperty("noiseFloorBasis").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, analysis.GetProperty("configurations").GetInt32());
        Assert.Equal(4, analysis.GetProperty("trials").GetInt32());
        var width = analysis.GetProperty("axes")[0];
        Assert.Equal(1.0, width.GetProperty("importance").GetDouble(), 10);
        Assert.Equal(0.9, width.GetProperty("repeatShare").GetDouble(), 10);
        var values = width.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal([10, 20], values.Select(v => v.GetProperty("value").GetInt32()));
        Assert.Equal([0.91, 0.97], values.Select(v => Math.Round(v.GetProperty("mean").GetDouble(), 10)));
        Assert.Equal([2, 2], values.Select(v => v.GetProperty("trials").GetInt32()));
        Assert.Equal([1, 1], values.Select(v => v.GetProperty("configurations").GetInt32()));
        Assert.Equal([2, 2], values.Select(v => v.GetProperty("gridTrials").GetInt32()));
        Assert.Equal([false, true], values.Select(v => v.GetProperty("highestMean").GetBoolean()));
        Assert.Equal(trials["""{"width": 20}"""][1], values[1].GetProperty("bestTrialId").GetInt64());
        Assert.Equal(0.98, values[1].GetProperty("best").GetDouble(), 10);
    }

    [Fact]
    public async Task Analysis_WithoutRepeats_SaysTheNoiseFloorIsUnknown()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid(repeats: 1));
        await api.FinishNextAsync(0.9);
        await api.FinishNextAsync(0.8, stopReason: "pruned");

        var analysis = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/analysis");

        Assert.Equal(JsonValueKind.Null, analysis.GetProperty("noiseFloor").ValueKind);
        Assert.StartsWith("unknown", analysis.GetProperty("noiseFloorBasis").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, analysis.GetProperty("axes")[0].GetProperty("repeatShare").ValueKind);
        Assert.Equal(1, analysis.GetProperty("prunedTrials").GetInt32());
        Assert.Equal([1, 1], analysis.GetProperty("axes")[0].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("gridTrials").GetInt32()));
    }
}
