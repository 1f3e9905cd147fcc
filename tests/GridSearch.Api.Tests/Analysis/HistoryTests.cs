using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Analysis;

/// <summary>GET /api/searches/{id}/history, TPE's chosen_by on the trials, and a TPE definition's dry run and refusals.</summary>
public sealed class HistoryTests
{
    private static readonly object Tpe = new
    {
        name = "tpe-history",
        dataset = "mnist",
        model = "mlp",
        strategy = new { kind = "tpe", count = 3, points = new[] { new { learningRate = 0.1 } } },
        grid = new { learningRate = new[] { 0.1, 0.01, 0.001 } },
    };

    [Fact]
    public async Task Get_OfATpeSearch_ListsItsTrialsAsTheyFinished_WithWhatChoseThem_AndTheBestSoFar()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Tpe);
        var accuracies = new Queue<double>([0.6, 0.9, 0.7]);
        while (await api.Queue.ClaimAsync("test-worker", CancellationToken.None) is { } lease)
        {
            var accuracy = accuracies.Dequeue();
            Assert.True(await api.Queue.CompleteAsync(lease, new TrialResult(accuracy, 1 - accuracy, accuracy, 0.2, 1, StopReason.Completed, 10, [[1]]), model: null, CancellationToken.None));
        }

        var history = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/history");

        Assert.Equal(("testAccuracy", true), (history.GetProperty("metric").GetString(), history.GetProperty("higherIsBetter").GetBoolean()));
        var steps = history.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal([ChosenBy.Point, ChosenBy.TpeStartup, ChosenBy.TpeStartup], steps.Select(s => s.GetProperty("chosenBy").GetString()));
        Assert.Equal([0.6, 0.9, 0.7], steps.Select(s => s.GetProperty("value").GetDouble()));
        Assert.Equal([0.6, 0.9, 0.9], steps.Select(s => s.GetProperty("best").GetDouble()));
        var trials = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/trials");
        Assert.All(trials.GetProperty("items").EnumerateArray(), t => Assert.NotNull(t.GetProperty("chosenBy").GetString()));
        var losses = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/history?metric=testLoss");
        Assert.Equal([0.4, 0.1, 0.1], losses.GetProperty("trials").EnumerateArray().Select(s => Math.Round(s.GetProperty("best").GetDouble(), 9)));
    }

    [Fact]
    public async Task Get_WithAnUnknownMetric_Returns400NamingIt_AndOfNoSearch_Returns404()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Tpe);

        using var bad = await api.Client.GetAsync($"/api/searches/{id}/history?metric=cvAccuracy");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("metric", out _));
        using var missing = await api.Client.GetAsync($"/api/searches/{id + 1000}/history");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Plan_OfATpeSearch_SaysWhatTpeWillDo()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsJsonAsync("/api/searches/plan", Tpe);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, plan.GetProperty("trialCount").GetInt32());
        Assert.Equal("3 trials: 1 warm-start point, then 2 startup trials drawn at random", plan.GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task Post_WithStartFromAMissingOrOtherSearch_Returns400NamingStartFromSearchId_AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        var cnn = await api.SubmitAsync(new { dataset = "mnist", model = "cnn", grid = new { filters = new[] { 8, 16 } } });

        foreach (var searchId in new[] { cnn + 1000, cnn })
        {
            using var response = await api.Client.PostAsJsonAsync("/api/searches", new
            {
                dataset = "mnist",
                model = "mlp",
                strategy = new { kind = "tpe" },
                startFrom = new { searchId },
                grid = new { width = new[] { 16, 32 } },
            });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("startFrom.searchId", out _));
        }

        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }
}
