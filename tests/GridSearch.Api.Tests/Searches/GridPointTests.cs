using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

public sealed class GridPointTests
{
    private static readonly object Definition = new
    {
        name = "grid-point",
        dataset = "mnist",
        model = "mlp",
        grid = new { width = new[] { 128, 256 }, depth = new[] { 1, 3 }, activation = new[] { "relu" } },
        @fixed = new { epochs = 1 },
    };

    [Fact]
    public async Task GetSearch_ServesTheSubmittedDefinitionAndItsVaryingAxes()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition);

        var search = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}");

        Assert.Equal(["depth", "width"], search.GetProperty("axes").EnumerateArray().Select(a => a.GetString()));
        var definition = search.GetProperty("definition");
        Assert.Equal("grid-point", definition.GetProperty("name").GetString());
        Assert.Equal([128, 256], definition.GetProperty("grid").GetProperty("width").EnumerateArray().Select(w => w.GetInt32()));
    }

    [Fact]
    public async Task Trials_AndLeaderboard_CarryEachTrialsGridPointAsWritten()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition);
        await api.FinishNextAsync(0.9);

        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/trials?sort=ordinal");
        var board = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/leaderboard");

        var points = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("gridPoint")).ToList();
        Assert.Equal([(1, 128), (1, 256), (3, 128), (3, 256)], points.Select(p => (p.GetProperty("depth").GetInt32(), p.GetProperty("width").GetInt32())));
        var last = page.GetProperty("items")[3].GetProperty("config");
        Assert.Equal([256, 256, 256], last.GetProperty("hiddenLayers").EnumerateArray().Select(w => w.GetInt32()));
        Assert.Equal(1, board[0].GetProperty("gridPoint").GetProperty("depth").GetInt32());
    }
}
