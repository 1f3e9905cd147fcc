using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Trials;

public sealed class TrialsTests
{
    private static readonly object FourWidths = new
    {
        name = "widths",
        dataset = "mnist",
        model = "mlp",
        grid = new { width = new[] { 50, 100, 200, 400 } },
    };

    [Fact]
    public async Task ListTrials_InGridOrder_WithConfigAndStatus()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(FourWidths);

        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/trials");

        Assert.Equal(4, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([50, 100, 200, 400], items.Select(t => t.GetProperty("config").GetProperty("hiddenLayers")[0].GetInt32()));
        Assert.All(items, t => Assert.Equal("queued", t.GetProperty("status").GetString()));
        Assert.All(items, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("result").ValueKind));
    }

    [Fact]
    public async Task ListTrials_FilteredByStatusAndSortedByAccuracy_PagesThroughSucceededOnly()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(FourWidths);
        await api.FinishNextAsync(0.90);
        await api.FinishNextAsync(0.97);
        await api.FinishNextAsync(0.93);

        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/trials?status=succeeded&sort=-testAccuracy&page=1&pageSize=2");

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal([0.97, 0.93], page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("result").GetProperty("testAccuracy").GetDouble()));
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("sort=colour", "sort")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task ListTrials_WithBadQuery_Returns400NamingTheParameter(string query, string field)
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(FourWidths);

        using var response = await api.Client.GetAsync($"/api/searches/{id}/trials?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ListTrials_OfUnknownSearch_Returns404()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync("/api/searches/999/trials");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetTrial_ReturnsConfigResultAttemptsWorkerAndEpochs()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(FourWidths);
        var lease = await api.FinishNextAsync(0.96, loss: 0.12);

        var trial = await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{lease.TrialId}");

        Assert.Equal(id, trial.GetProperty("searchId").GetInt64());
        Assert.Equal("succeeded", trial.GetProperty("status").GetString());
        Assert.Equal(32, trial.GetProperty("configHash").GetString()!.Length);
        Assert.Equal("mnist", trial.GetProperty("config").GetProperty("dataset").GetString());
        Assert.Equal(1, trial.GetProperty("attempts").GetInt32());
        Assert.Equal("test-worker", trial.GetProperty("worker").GetString());
        var result = trial.GetProperty("result");
        Assert.Equal(0.96, result.GetProperty("testAccuracy").GetDouble());
        Assert.Equal(0.12, result.GetProperty("testLoss").GetDouble());
        Assert.Equal("completed", result.GetProperty("stopReason").GetString());
        Assert.Equal(1234, result.GetProperty("parameterCount").GetInt64());
        Assert.Equal(5, result.GetProperty("confusionMatrix")[0][0].GetInt32());
        var epoch = Assert.Single(trial.GetProperty("epochs").EnumerateArray());
        Assert.Equal(1, epoch.GetProperty("epoch").GetInt32());
        Assert.Equal(1.5, epoch.GetProperty("seconds").GetDouble());
    }

    [Fact]
    public async Task GetTrial_Unknown_Returns404()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync("/api/trials/123456");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
