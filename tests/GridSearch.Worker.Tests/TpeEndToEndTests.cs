using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;
using GridSearch.Testing.Processes;
using static GridSearch.Worker.Tests.Support.SearchWatch;

namespace GridSearch.Worker.Tests;

/// <summary>TPE searches run by a real worker process (one slot, so trials are suggested one after another) training
/// real MNIST slices, through the API and a real PostgreSQL: each trial's configuration is suggested at its claim.</summary>
public sealed class TpeEndToEndTests
{
    private static async Task<List<(string Status, string? StopReason, string? ChosenBy, string ConfigHash, double? LearningRate)>> TrialsAsync(ApiHost api)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "SELECT status, stop_reason, chosen_by, config_hash, (config->>'learningRate')::float8 FROM trials ORDER BY ordinal");
        await using var reader = await command.ExecuteReaderAsync();
        var trials = new List<(string, string?, string?, string, double?)>();
        while (await reader.ReadAsync())
        {
            trials.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetDouble(4)));
        }

        return trials;
    }

    [Fact]
    public async Task TpeSearch_OfTwelveOverATwelvePointGrid_Completes_TwelveDistinctConfigs_TenStartupThenTwoLearned()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new
        {
            name = "tpe-twelve",
            dataset = "mnist",
            model = "mlp",
            seed = 7,
            strategy = new { kind = "tpe", count = 12 },
            grid = new { width = new[] { 8, 16, 24 }, learningRate = new[] { 0.01, 0.003, 0.001, 0.0003 } },
            @fixed = new { depth = 1, epochs = 1, trainSize = 200, batchSize = 64, optimizer = "adam" },
        });
        await using var worker = WorkerProcess.Start(api.Database.ConnectionString);
        await WaitForStatusAsync(api, id, "completed", worker);

        var trials = await TrialsAsync(api);
        Assert.Equal(12, trials.Count);
        Assert.All(trials, t => Assert.Equal("succeeded", t.Status));
        Assert.Equal(12, trials.Select(t => t.ConfigHash).Distinct().Count());
        Assert.Equal(10, trials.Count(t => t.ChosenBy == ChosenBy.TpeStartup));
        Assert.Equal(2, trials.Count(t => t.ChosenBy == ChosenBy.Tpe));

        var history = (await GetAsync(api, $"/api/searches/{id}/history")).GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 12), history.Select(h => h.GetProperty("number").GetInt32()));
        Assert.Equal([.. Enumerable.Repeat(ChosenBy.TpeStartup, 10), ChosenBy.Tpe, ChosenBy.Tpe], history.Select(h => h.GetProperty("chosenBy").GetString()));
        var best = history.Select(h => h.GetProperty("best").GetDouble()).ToList();
        Assert.Equal(best.Order(), best);
        Assert.Equal(history.Max(h => h.GetProperty("value").GetDouble()), best[^1]);
    }

    [Fact]
    public async Task TpeSearch_WithAMedianPruner_TriesItsPointsFirst_AndPrunesTheClearlyWorseOnes()
    {
        // A learning rate of 1e-6 barely moves the weights: far behind 1e-2 after an epoch. The points run first, in
        // their order, whatever the pruner's shuffle would do to a grid; the last trial is TPE's, the one point left.
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new
        {
            name = "tpe-pruned",
            dataset = "mnist",
            model = "mlp",
            seed = 1,
            strategy = new { kind = "tpe", count = 4, points = new[] { new { learningRate = 0.01 }, new { learningRate = 0.000001 }, new { learningRate = 0.000002 } } },
            pruner = new { kind = "median", minEpochs = 1 },
            grid = new { learningRate = new[] { 0.01, 0.000001, 0.000002, 0.005 } },
            @fixed = new { depth = 1, width = 16, epochs = 3, trainSize = 1000, batchSize = 64, optimizer = "adam" },
        });
        await using var worker = WorkerProcess.Start(api.Database.ConnectionString);
        await WaitForStatusAsync(api, id, "completed", worker);

        var trials = await TrialsAsync(api);
        Assert.Equal(
            [("succeeded", "completed", ChosenBy.Point, 0.01), ("succeeded", "pruned", ChosenBy.Point, 0.000001), ("succeeded", "pruned", ChosenBy.Point, 0.000002)],
            trials.Take(3).Select(t => (t.Status, t.StopReason, t.ChosenBy, t.LearningRate!.Value)));
        Assert.Equal(("succeeded", ChosenBy.TpeStartup, 0.005), (trials[3].Status, trials[3].ChosenBy, trials[3].LearningRate!.Value));
        var history = (await GetAsync(api, $"/api/searches/{id}/history?metric=valAccuracy")).GetProperty("trials").EnumerateArray().ToList();
        // Whether TPE's own trial is pruned too depends on its epoch against the others': the pruned ones are shown, not counted.
        Assert.Equal(trials.Count(t => t.StopReason == "pruned"), history.Count(h => h.GetProperty("pruned").GetBoolean()));
        Assert.Equal(
            history.Where(h => !h.GetProperty("pruned").GetBoolean()).Max(h => h.GetProperty("value").GetDouble()),
            history[^1].GetProperty("best").GetDouble());
    }
}
