using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Processes;

namespace GridSearch.Worker.Tests;

/// <summary>A search with repeats, trained by a real worker process: every repeat of a configuration is a trial
/// of its own, trained with the search's seed + its repeat.</summary>
public sealed class RepeatedSearchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task RepeatedSearch_WithRealWorker_TrainsEveryRepeatWithItsOwnSeed()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new
        {
            name = "repeated",
            dataset = "mnist",
            model = "mlp",
            seed = 7,
            repeats = 3,
            grid = new { width = new[] { 8, 16 } },
            @fixed = new { depth = 1, epochs = 1, trainSize = 200, batchSize = 32, learningRate = 0.003 },
        });
        await using var worker = WorkerProcess.Start(api.Database.ConnectionString);

        await Eventually.HoldsAsync(
            async () => (await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}")).GetProperty("status").GetString() == "completed",
            Patience,
            () => worker.Output);

        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/trials?sort=ordinal");
        var trials = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, trials.Count);
        Assert.All(trials, t => Assert.Equal("succeeded", t.GetProperty("status").GetString()));
        Assert.All(trials, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("cachedFrom").ValueKind));
        Assert.Equal([0, 1, 2, 0, 1, 2], trials.Select(t => t.GetProperty("repeat").GetInt32()));
        Assert.Equal([7L, 8, 9, 7, 8, 9], trials.Select(t => t.GetProperty("config").GetProperty("seed").GetInt64()));
        foreach (var configuration in trials.Chunk(3))
        {
            Assert.Single(configuration.Select(t => t.GetProperty("gridPoint").GetRawText()).Distinct());
            // Three seeds, three trainings: their results are not one result copied.
            var accuracies = configuration.Select(t => t.GetProperty("result").GetProperty("valAccuracy").GetDouble()).ToList();
            Assert.True(accuracies.Distinct().Count() > 1, $"repeats of one configuration gave {string.Join(", ", accuracies)}");
        }

        Assert.Equal([8, 16], trials.Chunk(3).Select(c => c[0].GetProperty("gridPoint").GetProperty("width").GetInt32()));
        Assert.Equal(6, await api.Database.ScalarAsync($"SELECT count(*) FROM epochs WHERE search_id = {id}"));

        // The leaderboard ranks the two configurations, each summarising its three trained repeats.
        var board = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}/leaderboard");
        Assert.Equal(2, board.GetArrayLength());
        foreach (var entry in board.EnumerateArray())
        {
            var repeats = entry.GetProperty("repeats");
            var ids = repeats.GetProperty("trialIds").EnumerateArray().Select(i => i.GetInt64()).ToHashSet();
            var mine = trials.Where(t => ids.Contains(t.GetProperty("id").GetInt64())).ToList();
            Assert.Equal(3, repeats.GetProperty("n").GetInt32());
            Assert.Equal(3, mine.Count);
            Assert.Single(mine.Select(t => t.GetProperty("gridPoint").GetRawText()).Distinct());
            var mean = mine.Average(t => t.GetProperty("result").GetProperty("testAccuracy").GetDouble());
            Assert.Equal(mean, repeats.GetProperty("mean").GetDouble(), 9);
            Assert.True(repeats.GetProperty("low").GetDouble() <= mean && mean <= repeats.GetProperty("high").GetDouble());
        }
    }
}
