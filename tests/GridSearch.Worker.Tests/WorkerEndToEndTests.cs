using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Processes;

namespace GridSearch.Worker.Tests;

/// <summary>The API, real worker processes training with libtorch on real MNIST, and a real PostgreSQL.</summary>
public sealed class WorkerEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static readonly Dictionary<string, string> EveryEpochCheckpointed = new() { ["Worker__CheckpointSeconds"] = "0" };

    private static async Task<JsonElement> GetAsync(ApiHost api, string url) => await api.Client.GetFromJsonAsync<JsonElement>(url);

    private static async Task WaitForStatusAsync(ApiHost api, long searchId, string status, params DotnetProcess[] workers) =>
        await Eventually.HoldsAsync(
            async () => (await GetAsync(api, $"/api/searches/{searchId}")).GetProperty("status").GetString() == status,
            Patience,
            () => string.Join("\n---\n", workers.Select(w => w.Output)));

    [Fact]
    public async Task TwoWorkers_RunA12TrialSearchToCompletion_WithEveryEpochAndASortedCompleteLeaderboard()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(MnistSearches.Mlp("twelve", [1, 2, 3], [16, 32, 64, 128], epochs: 2, trainSize: 1000));
        await using var first = WorkerProcess.Start(api.Database.ConnectionString);
        await using var second = WorkerProcess.Start(api.Database.ConnectionString);

        await WaitForStatusAsync(api, id, "completed", first, second);

        var search = await GetAsync(api, $"/api/searches/{id}");
        Assert.Equal(12, search.GetProperty("counts").GetProperty("succeeded").GetInt32());
        var board = await GetAsync(api, $"/api/searches/{id}/leaderboard?top=100");
        var accuracies = board.EnumerateArray().Select(e => e.GetProperty("testAccuracy").GetDouble()).ToList();
        Assert.Equal(12, accuracies.Count);
        Assert.Equal(accuracies.OrderByDescending(a => a), accuracies);
        Assert.True(accuracies[0] > 0.8, $"best accuracy {accuracies[0]}");
        Assert.Equal(24, await api.Database.ScalarAsync("SELECT count(*) FROM epochs"));
        Assert.Equal(2, await api.Database.ScalarAsync("SELECT count(DISTINCT split_part(worker, '/', 2)) FROM trials"));
        // Each worker described its machine once and each claim recorded it on the trial.
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM trials WHERE machine IS NULL"));
        var machine = (await GetAsync(api, $"/api/trials/{board[0].GetProperty("trialId").GetInt64()}")).GetProperty("machine");
        Assert.Matches(@"^\d+\.\d+", machine.GetProperty("torchVersion").GetString());
        Assert.NotEmpty(machine.GetProperty("cpuModel").GetString()!);
        Assert.Equal(1, machine.GetProperty("threads").GetInt32());
        Assert.Contains("started", first.Output + second.Output);
        // Each slot warmed up before its first claim (a failed warm-up is only logged, so it is looked for here).
        Assert.Contains("Warmed up in", first.Output);
        Assert.DoesNotContain("Warm-up failed", first.Output + second.Output);
        // The workers kept every trial's weights; once the search ended only the best ten (the default) remain.
        Assert.Equal(10, await api.Database.ScalarAsync("SELECT count(*) FROM trial_models"));
        var ranked = board.EnumerateArray().Select(e => e.GetProperty("trialId").GetInt64()).ToList();
        Assert.True((await GetAsync(api, $"/api/trials/{ranked[9]}")).GetProperty("modelKept").GetBoolean());
        Assert.False((await GetAsync(api, $"/api/trials/{ranked[10]}")).GetProperty("modelKept").GetBoolean());
    }

    [Fact]
    public async Task WorkerKilledMidTrial_SearchStillCompletes_EveryTrialFinishedOnceWithoutDuplicateEpochs()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(MnistSearches.Mlp("crash", [2], [128, 256], epochs: 5, trainSize: 10000));
        await using var doomed = WorkerProcess.Start(api.Database.ConnectionString);
        await Eventually.HoldsAsync(
            async () => await api.Database.ScalarAsync("SELECT count(*) FROM epochs") >= 1,
            Patience,
            () => doomed.Output);
        var victim = await api.Database.ScalarAsync("SELECT trial_id FROM epochs LIMIT 1");

        doomed.Signal(DotnetProcess.SigKill);
        await using var survivor = WorkerProcess.Start(api.Database.ConnectionString);
        await WaitForStatusAsync(api, id, "completed", survivor);

        Assert.Equal(2, await api.Database.ScalarAsync("SELECT count(*) FROM trials WHERE status = 'succeeded'"));
        Assert.True(2 == await api.Database.ScalarAsync($"SELECT attempts FROM trials WHERE id = {victim}"), doomed.Output + "\n---\n" + survivor.Output);
        Assert.Equal(10, await api.Database.ScalarAsync("SELECT count(*) FROM epochs"));
        Assert.Equal(5, await api.Database.ScalarAsync($"SELECT max(number) FROM epochs WHERE trial_id = {victim}"));
        var trial = await GetAsync(api, $"/api/trials/{victim}");
        Assert.Equal([1, 2, 3, 4, 5], trial.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()));
    }

    /// <summary>Every epoch's metrics and the result of a search's one trial as the API prints them (exact
    /// doubles), without wall times.</summary>
    private static async Task<(long TrialId, List<string> Epochs, string Result)> OnlyTrialMetricsAsync(ApiHost api, long searchId)
    {
        var id = (await GetAsync(api, $"/api/searches/{searchId}/trials")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var trial = await GetAsync(api, $"/api/trials/{id}");
        var epochs = trial.GetProperty("epochs").EnumerateArray()
            .Select(e => string.Join(", ", e.EnumerateObject().Where(p => p.Name != "seconds").Select(p => $"{p.Name}={p.Value.GetRawText()}")))
            .ToList();
        return (id, epochs, trial.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task WorkerKilledMidTrial_TheRescuingWorkerResumesAtTheLastFinishedEpoch_AndEveryMetricEqualsAnUninterruptedRun()
    {
        // The 784-256-256-10 MLP with Adam.
        const int Epochs = 6;
        var definition = MnistSearches.Mlp("resume", [2], [256], Epochs, trainSize: 6000);
        (long TrialId, List<string> Epochs, string Result) uninterrupted;
        await using (var api = await ApiHost.StartAsync())
        {
            var searchId = await api.SubmitAsync(definition);
            await using var worker = WorkerProcess.Start(api.Database.ConnectionString);
            await WaitForStatusAsync(api, searchId, "completed", worker);
            uninterrupted = await OnlyTrialMetricsAsync(api, searchId);
        }

        await using var interrupted = await ApiHost.StartAsync();
        var id = await interrupted.SubmitAsync(definition);
        // A checkpoint with every epoch, so the kill lands after at least two of them.
        await using var doomed = WorkerProcess.Start(interrupted.Database.ConnectionString, environment: EveryEpochCheckpointed);
        await Eventually.HoldsAsync(async () => await interrupted.Database.ScalarAsync("SELECT count(*) FROM epochs") >= 2, Patience, () => doomed.Output);
        doomed.Signal(DotnetProcess.SigKill);
        Assert.True(await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10)), doomed.Output);
        // The slot process sees its supervisor gone within a quarter second (ParentWatch); then nothing moves.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var checkpointed = await interrupted.Database.ScalarAsync("SELECT coalesce(max(epoch), 0) FROM trial_checkpoints");
        Assert.InRange(checkpointed, 2, Epochs - 1);

        await using var survivor = WorkerProcess.Start(interrupted.Database.ConnectionString);
        await WaitForStatusAsync(interrupted, id, "completed", survivor);

        var resumed = await OnlyTrialMetricsAsync(interrupted, id);
        Assert.Contains($"Trial {resumed.TrialId} resumes after epoch {checkpointed}", survivor.Output);
        Assert.Equal(2, await interrupted.Database.ScalarAsync($"SELECT attempts FROM trials WHERE id = {resumed.TrialId}"));
        Assert.Equal(0, await interrupted.Database.ScalarAsync("SELECT count(*) FROM trial_checkpoints"));
        Assert.Equal(Epochs, resumed.Epochs.Count);
        Assert.Equal(uninterrupted.Epochs, resumed.Epochs);
        Assert.Equal(uninterrupted.Result, resumed.Result);
    }

    [Fact]
    public async Task ShortEpochs_AreEachWrittenAsTheyEnd_WithoutACheckpointBeforeTheIntervalIsUp()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(MnistSearches.Mlp("cadence", [2], [256], epochs: 60, trainSize: 5000));
        await using var worker = WorkerProcess.Start(
            api.Database.ConnectionString, environment: new Dictionary<string, string> { ["Worker__CheckpointSeconds"] = "3600" });

        await Eventually.HoldsAsync(async () => await api.Database.ScalarAsync("SELECT count(*) FROM epochs") >= 3, Patience, () => worker.Output);

        // One statement: the trial still running, three epochs written, and no checkpoint (a completion
        // drops the checkpoint, so a finished trial must not pass for one that never had one).
        Assert.Equal(1, await api.Database.ScalarAsync("""
            SELECT count(*) FROM trials t
            WHERE t.status = 'running' AND (SELECT count(*) FROM epochs e WHERE e.trial_id = t.id) >= 3
              AND NOT EXISTS (SELECT 1 FROM trial_checkpoints c WHERE c.trial_id = t.id)
            """));
    }

    [Fact]
    public async Task CancelMidSearch_RunningTrialEndsCancelledWithinAnEpoch_QueuedOnesNeverStart()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(MnistSearches.Mlp("cancel", [2], [64, 128, 256], epochs: 30, trainSize: 5000));
        await using var worker = WorkerProcess.Start(api.Database.ConnectionString);
        await Eventually.HoldsAsync(async () => await api.Database.ScalarAsync("SELECT count(*) FROM epochs") >= 1, Patience, () => worker.Output);

        using var response = await api.Client.PostAsync($"/api/searches/{id}/cancel", null);
        response.EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(
            async () => await api.Database.ScalarAsync("SELECT count(*) FROM trials WHERE status = 'cancelled'") == 3,
            TimeSpan.FromSeconds(30),
            () => worker.Output);

        Assert.Equal(2, await api.Database.ScalarAsync("SELECT count(*) FROM trials WHERE started_at IS NULL"));
        Assert.True(await api.Database.ScalarAsync("SELECT count(*) FROM epochs") < 30);
        var search = await GetAsync(api, $"/api/searches/{id}");
        Assert.Equal("cancelled", search.GetProperty("status").GetString());
        Assert.Contains("cancelled", worker.Output);
    }

    [Fact]
    public async Task FailingTrial_IsRetriedThenFailedWithItsErrorKept()
    {
        await using var api = await ApiHost.StartAsync();
        // Every dataset file is there, so the worker starts, but none is an IDX file: each attempt fails.
        var broken = Directory.CreateTempSubdirectory("gridsearch-brokendata-");
        foreach (var dataset in new[] { "mnist", "fashion-mnist" })
        {
            Directory.CreateDirectory(Path.Combine(broken.FullName, dataset));
            foreach (var file in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            {
                await File.WriteAllTextAsync(Path.Combine(broken.FullName, dataset, file), "not an IDX file");
            }
        }

        try
        {
            var id = await api.SubmitAsync(MnistSearches.Mlp("broken-data", [1], [16], epochs: 1, trainSize: 100));
            await using var worker = WorkerProcess.Start(api.Database.ConnectionString, dataDirectory: broken.FullName);

            await WaitForStatusAsync(api, id, "completed", worker);

            var trial = (await GetAsync(api, $"/api/searches/{id}/trials")).GetProperty("items")[0];
            Assert.Equal("failed", trial.GetProperty("status").GetString());
            Assert.Equal(3, trial.GetProperty("attempts").GetInt32());
            Assert.Contains("mnist", trial.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(3, worker.Output.Split("failed on attempt").Length - 1);
        }
        finally
        {
            broken.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Sigterm_HandsTheRunningTrialBackAndExitsWithinSeconds()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(MnistSearches.Mlp("sigterm", [2], [256], epochs: 30, trainSize: 20000));
        await using var worker = WorkerProcess.Start(api.Database.ConnectionString, leaseSeconds: 30);
        await Eventually.HoldsAsync(async () => await api.Database.ScalarAsync("SELECT count(*) FROM trials WHERE status = 'running'") == 1, Patience, () => worker.Output);

        worker.Signal(DotnetProcess.SigTerm);

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)), worker.Output);
        Assert.Equal(0, worker.ExitCode);
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM trials WHERE status = 'queued' AND lease_token IS NULL AND attempts = 0"));
        Assert.True(worker.Output.Contains("handed back", StringComparison.Ordinal), worker.Output);
    }

    [Fact]
    public async Task TrialMetrics_AreTheSameWhetherTheWorkerRunsOneSlotOrTwo()
    {
        async Task<Dictionary<string, double>> RunAsync(int slots)
        {
            await using var api = await ApiHost.StartAsync();
            var id = await api.SubmitAsync(MnistSearches.Mlp("slots", [1, 2], [32], epochs: 2, trainSize: 2000));
            await using var worker = WorkerProcess.Start(api.Database.ConnectionString, slots: slots);
            await WaitForStatusAsync(api, id, "completed", worker);
            var trials = (await GetAsync(api, $"/api/searches/{id}/trials")).GetProperty("items").EnumerateArray();
            return trials.ToDictionary(t => t.GetProperty("configHash").GetString()!, t => t.GetProperty("result").GetProperty("testAccuracy").GetDouble());
        }

        var oneSlot = await RunAsync(1);
        var twoSlots = await RunAsync(2);

        Assert.Equal(2, oneSlot.Count);
        Assert.Equal(oneSlot, twoSlots);
    }
}
