using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

public sealed class ExportTests
{
    private static readonly object Definition = new
    {
        name = "export",
        dataset = "mnist",
        model = "mlp",
        grid = new { width = new[] { 16, 32 }, depth = new[] { 1, 2 } },
        @fixed = new { epochs = 1 },
    };

    [Fact]
    public async Task ExportCsv_IsTheGridPointThenTheTrialThenItsConfig_OneCrlfLinePerTrialInOrdinalOrder()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition);
        var finished = await api.FinishNextAsync(0.9312, loss: 0.2);

        using var response = await api.Client.GetAsync($"/api/searches/{id}/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"search-{id}-trials.csv", response.Content.Headers.ContentDisposition?.FileName);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Equal(5, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var rows = CsvReader.Parse(csv);
        Assert.Equal(["depth", "width", "trialId", "ordinal", "repeat", "status", "testAccuracy"], rows[0][..7]);
        Assert.Equal(["dataset", "model", "seed", "hiddenLayers", "activations", "shape"], rows[0][20..26]);
        Assert.Equal(rows[0].Count, rows[0].Distinct().Count());
        var first = rows[0].Zip(rows[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("1", "16", $"{finished.TrialId}", "0"), (first["depth"], first["width"], first["trialId"], first["ordinal"]));
        Assert.Equal(("succeeded", "0.9312", "0.2", "1234", "test-worker"), (first["status"], first["testAccuracy"], first["testLoss"], first["parameterCount"], first["worker"]));
        Assert.Equal(("16", "relu", "1"), (first["hiddenLayers"], first["activations"], first["epochs"]));
        var last = rows[0].Zip(rows[4]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("2", "32", "32-32", "relu-relu"), (last["depth"], last["width"], last["hiddenLayers"], last["activations"]));
        Assert.Equal(("queued", "", ""), (last["status"], last["testAccuracy"], last["seconds"]));
    }

    [Fact]
    public async Task ExportJson_HasTheCsvsColumnsAndValues_Typed()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition);
        await api.FinishNextAsync(0.95);

        using var csvResponse = await api.Client.GetAsync($"/api/searches/{id}/export?format=csv");
        using var response = await api.Client.GetAsync($"/api/searches/{id}/export?format=json");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"search-{id}-trials.json", response.Content.Headers.ContentDisposition?.FileName);
        var csv = CsvReader.Parse(await csvResponse.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(csv[0], r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(0.95, rows[0].GetProperty("testAccuracy").GetDouble());
        Assert.Equal(1, rows[0].GetProperty("depth").GetInt32());
        Assert.Equal([16], rows[0].GetProperty("hiddenLayers").EnumerateArray().Select(w => w.GetInt32()));
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("testAccuracy").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("startedAt").ValueKind);
        // Cell by cell, the CSV is the JSON printed: lists joined with '-', null as empty.
        Assert.Equal("32-32", csv[4][csv[0].IndexOf("hiddenLayers")]);
        Assert.Equal("", csv[2][csv[0].IndexOf("testAccuracy")]);
    }

    [Fact]
    public async Task Export_WithoutAFormat_IsCsv()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition);

        using var response = await api.Client.GetAsync($"/api/searches/{id}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Export_InAnUnknownFormat_Is400NamingFormat()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition);

        using var response = await api.Client.GetAsync($"/api/searches/{id}/export?format=xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("must be csv or json.", problem.GetProperty("errors").GetProperty("format")[0].GetString());
    }

    [Fact]
    public async Task Export_OfASearchThatDoesNotExist_Is404()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync("/api/searches/999999/export?format=json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Export_IsUtf8WithoutAByteOrderMark()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition);

        var bytes = await api.Client.GetByteArrayAsync($"/api/searches/{id}/export?format=csv");

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.StartsWith("depth,width,trialId,", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
