using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Estimates;
using GridSearch.Core.Search;
using GridSearch.Core.Workers;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Vocabulary;
using GridSearch.Testing.Api;
using Microsoft.Extensions.DependencyInjection;

namespace GridSearch.Api.Tests.Searches;

/// <summary>POST /api/searches/plan: the submission's validation and a cost estimate, writing nothing.</summary>
public sealed class DryRunTests
{
    private static object Definition(int[] widths, int epochs = 1, int trainSize = 300, bool? reuse = null) => new
    {
        name = "dry",
        dataset = "mnist",
        model = "mlp",
        seed = 7,
        reuse,
        grid = new { width = widths },
        @fixed = new { depth = 1, epochs, trainSize },
    };

    /// <summary>A one-hidden-layer MLP on 28×28 images of 10 classes.</summary>
    private static long MlpParameters(int width) => (784 * width) + width + (width * 10) + 10;

    private static async Task<JsonElement> PlanAsync(ApiHost api, object definition)
    {
        using var response = await api.Client.PostAsJsonAsync("/api/searches/plan", definition);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<long[]> RowCountsAsync(ApiHost api) =>
    [
        await api.Database.ScalarAsync("SELECT count(*) FROM searches"),
        await api.Database.ScalarAsync("SELECT count(*) FROM trials"),
        await api.Database.ScalarAsync("SELECT count(*) FROM epochs"),
        await api.Database.ScalarAsync("SELECT coalesce(sum(attempts), 0) FROM trials"),
    ];

    /// <summary>The reference cost of one of <see cref="Definition"/>'s trials (784-width-10, ReLU, batch 128,
    /// 300 training and 6,000 validation images, then the 10,000 test images).</summary>
    private static TrialCost Cost(int width, int epochs) =>
        ReferenceCost.Of(TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp, seed: 7) with { HiddenLayers = [width], Activations = [ActivationFunction.Relu], Epochs = epochs, TrainSize = 300 })!;

    private static double Reference(int width, int epochs) => Cost(width, epochs).PlannedSeconds;

    [Fact]
    public async Task DryRun_OnAFreshInstallation_CountsParametersAndUsesTheCalibratedReference_AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();

        var plan = await PlanAsync(api, Definition([16, 32], epochs: 3));

        Assert.Equal(2, plan.GetProperty("trialCount").GetInt32());
        Assert.Equal(0, plan.GetProperty("cached").GetInt32());
        Assert.Equal("default", plan.GetProperty("estimateBasis").GetString());
        Assert.Contains("calibrated reference", plan.GetProperty("estimateDetail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1.0, plan.GetProperty("rateFactor").GetDouble());
        // No worker has registered: the estimate counts one slot, free, with nothing ahead.
        Assert.Equal((1, 1, 0), (plan.GetProperty("workers").GetInt32(), plan.GetProperty("freeSlots").GetInt32(), plan.GetProperty("trialsAhead").GetInt32()));
        var trials = plan.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal([MlpParameters(16), MlpParameters(32)], trials.Select(t => t.GetProperty("parameterCount").GetInt64()));
        Assert.Equal([16, 32], trials.Select(t => t.GetProperty("gridPoint").GetProperty("width").GetInt32()));
        Assert.Equal(Reference(16, 3), trials[0].GetProperty("estimatedSeconds").GetDouble(), 9);
        Assert.Equal(Reference(16, 3) + Reference(32, 3), plan.GetProperty("estimatedWallSeconds").GetDouble(), 9);
        var counts = await RowCountsAsync(api);
        Assert.Equal([0L, 0, 0, 0], counts);
    }

    [Fact]
    public async Task DryRun_AfterTrainedTrials_CountsTheCacheAndEstimatesFromTheMeasuredRate_AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(Definition([16, 32]));
        await api.FinishNextAsync(0.9);
        await api.FinishNextAsync(0.91);
        // Each took 2 s from its claim to its result.
        await api.Database.ExecuteAsync("UPDATE trials SET started_at = timestamptz '2030-01-01 00:00:00+00', finished_at = timestamptz '2030-01-01 00:00:02+00'");
        var before = await RowCountsAsync(api);

        var plan = await PlanAsync(api, Definition([16, 32, 64, 128]));
        var fresh = await PlanAsync(api, Definition([16, 32, 64, 128], reuse: false));

        Assert.Equal(before, await RowCountsAsync(api));
        Assert.Equal(4, plan.GetProperty("trialCount").GetInt32());
        Assert.Equal(2, plan.GetProperty("cached").GetInt32());
        Assert.Equal(2, plan.GetProperty("toTrain").GetInt32());
        Assert.Equal(0, fresh.GetProperty("cached").GetInt32());
        Assert.Equal("measured", plan.GetProperty("estimateBasis").GetString());
        // Their epochs: 1.5 s each; the second's end: the 2 s from claim to result less that (the first, the
        // slot's first trial of MNIST, also read the dataset: its end is not measured).
        var (c16, c32, c64, c128) = (Cost(16, 1), Cost(32, 1), Cost(64, 1), Cost(128, 1));
        var factor = (1.5 + 1.5) / (c16.EpochSeconds + c32.EpochSeconds);
        var endFactor = 0.5 / c32.EndSeconds;
        double Estimate(TrialCost cost) => (factor * cost.EpochSeconds) + (endFactor * cost.EndSeconds);
        var trials = plan.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Number, trials[0].GetProperty("cachedFrom").ValueKind);
        Assert.Equal(0, trials[0].GetProperty("estimatedSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, trials[2].GetProperty("cachedFrom").ValueKind);
        Assert.Equal(Estimate(c64), trials[2].GetProperty("estimatedSeconds").GetDouble(), 9);
        Assert.Equal((Estimate(c64) + Estimate(c128)) / (c64.PlannedSeconds + c128.PlannedSeconds), plan.GetProperty("rateFactor").GetDouble(), 9);
        // No worker registered and nothing running: one slot, the trials one after another.
        Assert.Equal(1, plan.GetProperty("workers").GetInt32());
        Assert.Equal(Estimate(c64) + Estimate(c128), plan.GetProperty("estimatedWallSeconds").GetDouble(), 9);
    }

    [Fact]
    public async Task DryRun_WithABusyQueue_CountsTheLiveSlotsAndWaitsBehindTheOtherSearchesTrials()
    {
        await using var api = await ApiHost.StartAsync();
        await api.Services.GetRequiredService<WorkerRegistry>().HeartbeatAsync(
            new WorkerRegistration(Guid.NewGuid(), "host", 1, 2, TrainingDevice.Cpu, "test", TimeSpan.FromSeconds(30)), CancellationToken.None);
        await api.SubmitAsync(Definition([32, 33, 34]));
        await api.Queue.ClaimAsync("slot-a", CancellationToken.None);

        var plan = await PlanAsync(api, Definition([16]));

        Assert.Equal((2, 1, 3), (plan.GetProperty("workers").GetInt32(), plan.GetProperty("freeSlots").GetInt32(), plan.GetProperty("trialsAhead").GetInt32()));
        // Nothing measured yet: the reference. The running 32 holds its slot for its whole cost; the queued 33 takes
        // the free slot, the 34 follows the 32 (the smaller network ends first); the new trial follows the 33.
        var (r32, r33, r34) = (Reference(32, 1), Reference(33, 1), Reference(34, 1));
        Assert.True(r32 < r33 && r33 < r32 + r34);
        Assert.Equal(r33 + Reference(16, 1), plan.GetProperty("estimatedWallSeconds").GetDouble(), 9);
    }

    [Theory]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [] } }""", "grid.depth")]
    [InlineData("""{ "dataset": "svhn", "model": "mlp" }""", "dataset")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "reuse": 1 }""", "reuse")]
    [InlineData("""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "random" } }""", "strategy")]
    public async Task InvalidDefinition_Is400NamingTheSameFieldAsASubmission(string body, string field)
    {
        await using var api = await ApiHost.StartAsync();

        using var dry = await api.Client.PostAsync("/api/searches/plan", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using var submit = await api.Client.PostAsync("/api/searches", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, dry.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        var dryErrors = (await dry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var submitErrors = (await submit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(dryErrors.TryGetProperty(field, out _), dryErrors.GetRawText());
        Assert.Equal(submitErrors.GetRawText(), dryErrors.GetRawText());
    }
}
