using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

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

    [Fact]
    public async Task DryRun_OnAFreshInstallation_CountsParametersAndUsesTheStatedDefault_AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();

        var plan = await PlanAsync(api, Definition([16, 32], epochs: 3));

        Assert.Equal(2, plan.GetProperty("trialCount").GetInt32());
        Assert.Equal(0, plan.GetProperty("cached").GetInt32());
        Assert.Equal("default", plan.GetProperty("estimateBasis").GetString());
        Assert.Contains("rough default", plan.GetProperty("estimateDetail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, plan.GetProperty("workers").GetInt32());
        var trials = plan.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal([MlpParameters(16), MlpParameters(32)], trials.Select(t => t.GetProperty("parameterCount").GetInt64()));
        Assert.Equal([16, 32], trials.Select(t => t.GetProperty("gridPoint").GetProperty("width").GetInt32()));
        var rate = plan.GetProperty("secondsPerParameterSample").GetDouble();
        Assert.Equal(rate * MlpParameters(16) * 300 * 3, trials[0].GetProperty("estimatedSeconds").GetDouble(), 9);
        Assert.Equal(trials.Sum(t => t.GetProperty("estimatedSeconds").GetDouble()), plan.GetProperty("estimatedWallSeconds").GetDouble(), 9);
        var counts = await RowCountsAsync(api);
        Assert.Equal([0L, 0, 0, 0], counts);
    }

    [Fact]
    public async Task DryRun_AfterTrainedTrials_CountsTheCacheAndEstimatesFromTheMeasuredRate_AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(Definition([16, 32]));
        // Each finished as a worker would: one epoch of 1.5 s, reporting 1,234 parameters.
        await api.FinishNextAsync(0.9);
        await api.FinishNextAsync(0.91);
        var before = await RowCountsAsync(api);

        var plan = await PlanAsync(api, Definition([16, 32, 64, 128]));
        var fresh = await PlanAsync(api, Definition([16, 32, 64, 128], reuse: false));

        Assert.Equal(before, await RowCountsAsync(api));
        Assert.Equal(4, plan.GetProperty("trialCount").GetInt32());
        Assert.Equal(2, plan.GetProperty("cached").GetInt32());
        Assert.Equal(2, plan.GetProperty("toTrain").GetInt32());
        Assert.Equal(0, fresh.GetProperty("cached").GetInt32());
        Assert.Equal("measured", plan.GetProperty("estimateBasis").GetString());
        var rate = 1.5 / (1234.0 * 300);
        Assert.Equal(rate, plan.GetProperty("secondsPerParameterSample").GetDouble(), 12);
        var trials = plan.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Number, trials[0].GetProperty("cachedFrom").ValueKind);
        Assert.Equal(0, trials[0].GetProperty("estimatedSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, trials[2].GetProperty("cachedFrom").ValueKind);
        Assert.Equal(rate * MlpParameters(64) * 300, trials[2].GetProperty("estimatedSeconds").GetDouble(), 6);
        // One worker slot was seen (the one that finished them): the wall time is the trials one after another.
        Assert.Equal(1, plan.GetProperty("workers").GetInt32());
        Assert.Equal(rate * (MlpParameters(64) + MlpParameters(128)) * 300, plan.GetProperty("estimatedWallSeconds").GetDouble(), 6);
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
