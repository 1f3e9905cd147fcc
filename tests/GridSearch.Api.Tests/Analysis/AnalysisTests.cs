using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Analysis;

public sealed class AnalysisTests
{
    // The learning rate decides the accuracy; width only nudges it and costs parameters.
    private static readonly object Grid = new
    {
        name = "lr-matters",
        dataset = "mnist",
        model = "mlp",
        grid = new { width = new[] { 16, 32, 64 }, learningRate = new[] { 0.1, 0.001 } },
    };

    private static async Task FinishAllAsync(ApiHost api)
    {
        while (await api.Queue.ClaimAsync("test-worker", CancellationToken.None) is { } lease)
        {
            var config = TrialConfigJson.Deserialize(lease.ConfigJson);
            var accuracy = (config.LearningRate < 0.01 ? 0.97 : 0.50) + (config.HiddenLayers[0] * 1e-4);
            await RecordAsync(api.Queue, lease, accuracy, parameters: config.HiddenLayers[0] * 795, seconds: config.HiddenLayers[0] / 8.0);
        }
    }

    private static async Task RecordAsync(TrialQueue queue, TrialLease lease, double accuracy, long parameters, double seconds)
    {
        await queue.RecordEpochAsync(lease, new Epoch { TrialId = lease.TrialId, Number = 1, TrainLoss = 0.3, TrainAccuracy = accuracy, ValLoss = 0.2, ValAccuracy = accuracy, LearningRate = 0.001, Seconds = seconds }, checkpoint: null, CancellationToken.None);
        await queue.CompleteAsync(lease, new TrialResult(accuracy, 1 - accuracy, accuracy, 0.2, 1, StopReason.Completed, parameters, [[1]]), model: null, CancellationToken.None);
    }

    [Fact]
    public async Task Get_OnAGridWhereOneAxisMatters_RanksThatAxisFirstWithMostOfTheVariance()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid);
        await FinishAllAsync(api);

        var analysis = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/analysis");

        Assert.True(analysis.GetProperty("fullGrid").GetBoolean());
        Assert.StartsWith("exact", analysis.GetProperty("importanceBasis").GetString(), StringComparison.Ordinal);
        var axes = analysis.GetProperty("axes").EnumerateArray().ToList();
        Assert.Equal(["learningRate", "width"], axes.Select(a => a.GetProperty("axis").GetString()));
        Assert.True(axes[0].GetProperty("importance").GetDouble() > 0.99);
        Assert.True(axes[1].GetProperty("importance").GetDouble() < 0.01);
        // Lower learning rate, higher accuracy; wider, slightly higher.
        Assert.True(axes[0].GetProperty("spearman").GetDouble() < -0.8);
        Assert.True(axes[1].GetProperty("spearman").GetDouble() > 0);
        var lowRate = axes[0].GetProperty("values").EnumerateArray().Single(v => v.GetProperty("value").GetDouble() == 0.001);
        Assert.Equal(3, lowRate.GetProperty("trials").GetInt32());
        Assert.Equal(0.97 + 0.0064, lowRate.GetProperty("best").GetDouble(), 9);
        Assert.Equal(0.97 + (0.0016 + 0.0032 + 0.0064) / 3, lowRate.GetProperty("mean").GetDouble(), 9);
    }

    [Fact]
    public async Task Get_ParetoFront_KeepsTheTrialsWorthTheirCost()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid);
        await FinishAllAsync(api);

        var analysis = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/analysis");

        var front = analysis.GetProperty("pareto").EnumerateArray().Where(p => p.GetProperty("onFront").GetBoolean()).ToList();
        // With learning rate 0.001 each width trades accuracy for parameters and seconds: all three are
        // on the front; every 0.1 trial is beaten by the 0.001 trial of its width.
        Assert.Equal(3, front.Count);
        Assert.All(front, p => Assert.True(p.GetProperty("testAccuracy").GetDouble() > 0.9));
        Assert.Equal(6, analysis.GetProperty("pareto").GetArrayLength());
    }

    [Fact]
    public async Task Get_WithSomeTrialsUnfinished_SaysTheImportanceIsEstimated()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid);
        await api.FinishNextAsync(0.9);
        await api.FinishNextAsync(0.8);

        var analysis = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/analysis?metric=valLoss");

        Assert.False(analysis.GetProperty("fullGrid").GetBoolean());
        Assert.Equal(2, analysis.GetProperty("trials").GetInt32());
        Assert.Equal(6, analysis.GetProperty("gridTrials").GetInt32());
        Assert.Equal("valLoss", analysis.GetProperty("metric").GetString());
        Assert.StartsWith("estimated", analysis.GetProperty("importanceBasis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithAnUnknownMetric_Returns400NamingIt()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Grid);

        using var response = await api.Client.GetAsync($"/api/searches/{id}/analysis?metric=speed");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("metric", out _));
    }

    [Fact]
    public async Task Get_OfAnUnknownSearch_Returns404()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync("/api/searches/987654/analysis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
