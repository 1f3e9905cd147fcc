using GridSearch.Testing.Api;
using GridSearch.Testing.Processes;
using static GridSearch.Worker.Tests.Support.SearchWatch;

namespace GridSearch.Worker.Tests;

/// <summary>A search's limits and pruners, applied by a real worker (one slot, so trials run in grid order)
/// training real MNIST slices, through the API and a real PostgreSQL.</summary>
public sealed class LimitsAndPruningTests
{
    private static object Search(string name, object grid, int epochs, int trainSize, object? limits = null, object? pruner = null, int seed = 7) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed,
        limits,
        pruner,
        grid,
        @fixed = new { depth = 1, epochs, trainSize, batchSize = 64, optimizer = "adam" },
    };

    private static async Task<(long Id, ApiHost Api, DotnetProcess Worker)> RunAsync(object definition)
    {
        var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(definition);
        var worker = WorkerProcess.Start(api.Database.ConnectionString);
        await WaitForStatusAsync(api, id, "completed", worker);
        return (id, api, worker);
    }

    /// <summary>Each trial's status, stop reason and epochs recorded, in grid order.</summary>
    private static async Task<List<(string Status, string? StopReason, long Epochs)>> TrialsAsync(ApiHost api)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "SELECT status, stop_reason, (SELECT count(*) FROM epochs e WHERE e.trial_id = t.id) FROM trials t ORDER BY ordinal");
        await using var reader = await command.ExecuteReaderAsync();
        var trials = new List<(string, string?, long)>();
        while (await reader.ReadAsync())
        {
            trials.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
        }

        return trials;
    }

    private static async Task<string?> StopReasonAsync(ApiHost api, long id) =>
        (await GetAsync(api, $"/api/searches/{id}")).GetProperty("stopReason").GetString();

    [Fact]
    public async Task MaxTrials_TrainsThatManyTrials_TheRestEndCancelledForTheLimit()
    {
        var (id, api, worker) = await RunAsync(Search("max-trials", new { width = new[] { 16, 24, 32, 48 } }, epochs: 1, trainSize: 300, limits: new { maxTrials = 2 }));
        await using (api)
        await using (worker)
        {
            Assert.Equal("max_trials", await StopReasonAsync(api, id));
            Assert.Equal(
                [("succeeded", "completed", 1L), ("succeeded", "completed", 1L), ("cancelled", "limit", 0L), ("cancelled", "limit", 0L)],
                await TrialsAsync(api));
        }
    }

    [Fact]
    public async Task TimeLimit_StopsTheRunningTrialAtAnEpochBoundary_KeepingItsEpochs_AndCancelsTheQueuedOnes()
    {
        // 0.6 s from the first claim: the first trial's 50 epochs take far longer.
        var (id, api, worker) = await RunAsync(Search("time-limit", new { width = new[] { 64, 96, 128 } }, epochs: 50, trainSize: 5000, limits: new { timeLimitMinutes = 0.01 }));
        await using (api)
        await using (worker)
        {
            Assert.Equal("time_limit", await StopReasonAsync(api, id));
            var trials = await TrialsAsync(api);
            Assert.Equal(("succeeded", "limit"), (trials[0].Status, trials[0].StopReason));
            Assert.InRange(trials[0].Epochs, 1, 49);
            Assert.All(trials.Skip(1), t => Assert.Equal(("cancelled", "limit", 0L), t));
            var first = (await GetAsync(api, $"/api/searches/{id}/trials")).GetProperty("items")[0];
            Assert.True(first.GetProperty("result").GetProperty("testAccuracy").GetDouble() > 0.5);
        }
    }

    [Fact]
    public async Task Target_TheFirstEpochToReachIt_EndsItsTrialAndTheSearch()
    {
        var (id, api, worker) = await RunAsync(Search(
            "target", new { learningRate = new[] { 0.01, 0.001, 0.0001 } }, epochs: 20, trainSize: 1000,
            limits: new { target = new { metric = "valAccuracy", value = 0.5 } }));
        await using (api)
        await using (worker)
        {
            Assert.Equal("target_reached", await StopReasonAsync(api, id));
            var trials = await TrialsAsync(api);
            Assert.Equal(("succeeded", "target_reached"), (trials[0].Status, trials[0].StopReason));
            Assert.InRange(trials[0].Epochs, 1, 19);
            Assert.True(await api.Database.ScalarAsync("SELECT count(*) FROM epochs WHERE val_accuracy >= 0.5") == 1, worker.Output);
            Assert.All(trials.Skip(1), t => Assert.Equal(("cancelled", "limit", 0L), t));
        }
    }

    [Theory]
    [InlineData("median", null)]
    [InlineData("asha", 2)]
    public async Task Pruner_StopsTheClearlyWorseTrialsAfterTheirFirstEpoch_WhichLeaveTheLeaderboardUnlessAskedFor(string kind, int? reductionFactor)
    {
        // A learning rate of 1e-6 barely moves the weights: far behind 1e-2 after an epoch. A pruned search is
        // queued shuffled by its seed; seed 1 happens to keep this grid's order, so the good trial runs first
        // and the others are judged against it (the first trials at a rung always go on).
        var (id, api, worker) = await RunAsync(Search(
            kind, new { learningRate = new[] { 0.01, 0.000001, 0.000002 } }, epochs: 3, trainSize: 1000,
            pruner: reductionFactor is null ? new { kind, minEpochs = 1 } : new { kind, minEpochs = 1, reductionFactor }, seed: 1));
        await using (api)
        await using (worker)
        {
            Assert.Null(await StopReasonAsync(api, id));
            Assert.Equal(
                [("succeeded", "completed", 3L), ("succeeded", "pruned", 1L), ("succeeded", "pruned", 1L)],
                await TrialsAsync(api));
            Assert.Single((await GetAsync(api, $"/api/searches/{id}/leaderboard")).EnumerateArray());
            Assert.Equal(3, (await GetAsync(api, $"/api/searches/{id}/leaderboard?includePruned=true")).GetArrayLength());
            Assert.Contains("pruned after epoch 1", worker.Output);
        }
    }
}
