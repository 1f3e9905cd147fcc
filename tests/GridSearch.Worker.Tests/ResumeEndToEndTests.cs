using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Processes;

namespace GridSearch.Worker.Tests;

/// <summary>A real worker killed with SIGKILL mid-trial: the worker that rescues the trial resumes it at its
/// last finished epoch, and the trial ends exactly as the same trial run without a kill.</summary>
public sealed class ResumeEndToEndTests
{
    private const int Epochs = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // The 784-256-256-10 MLP with Adam, dropout drawing from the trial's generator.
    private static readonly object Search = new
    {
        name = "resume",
        dataset = "mnist",
        model = "mlp",
        seed = 11,
        grid = new { depth = new[] { 2 }, width = new[] { 256 } },
        @fixed = new { epochs = Epochs, trainSize = 6000, batchSize = 64, optimizer = "adam", learningRate = 0.001, dropout = 0.2 },
    };

    private static async Task<JsonElement> GetAsync(ApiHost api, string url) => await api.Client.GetFromJsonAsync<JsonElement>(url);

    private static async Task<long> OnlyTrialIdAsync(ApiHost api, long searchId) =>
        (await GetAsync(api, $"/api/searches/{searchId}/trials")).GetProperty("items")[0].GetProperty("id").GetInt64();

    private static async Task WaitForCompletedAsync(ApiHost api, long searchId, params DotnetProcess[] workers) =>
        await Eventually.HoldsAsync(
            async () => (await GetAsync(api, $"/api/searches/{searchId}")).GetProperty("status").GetString() == "completed",
            Patience,
            () => string.Join("\n---\n", workers.Select(w => w.Output)));

    /// <summary>Every epoch's metrics and the result as the API prints them (exact doubles), without wall times.</summary>
    private static async Task<(List<string> Epochs, string Result)> MetricsAsync(ApiHost api, long trialId)
    {
        var trial = await GetAsync(api, $"/api/trials/{trialId}");
        var epochs = trial.GetProperty("epochs").EnumerateArray()
            .Select(e => string.Join(", ", e.EnumerateObject().Where(p => p.Name != "seconds").Select(p => $"{p.Name}={p.Value.GetRawText()}")))
            .ToList();
        return (epochs, trial.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task WorkerKilledMidTrial_TheRescuingWorkerResumesAtTheLastFinishedEpoch_AndEveryMetricEqualsAnUninterruptedRun()
    {
        (List<string> Epochs, string Result) uninterrupted;
        await using (var api = await ApiHost.StartAsync())
        {
            var searchId = await api.SubmitAsync(Search);
            await using var worker = WorkerProcess.Start(api.Database.ConnectionString);
            await WaitForCompletedAsync(api, searchId, worker);
            uninterrupted = await MetricsAsync(api, await OnlyTrialIdAsync(api, searchId));
        }

        await using var interruptedApi = await ApiHost.StartAsync();
        var id = await interruptedApi.SubmitAsync(Search);
        await using var doomed = WorkerProcess.Start(interruptedApi.Database.ConnectionString);
        await Eventually.HoldsAsync(
            async () => await interruptedApi.Database.ScalarAsync("SELECT count(*) FROM epochs") >= 2,
            Patience,
            () => doomed.Output);
        doomed.Signal(DotnetProcess.SigKill);
        Assert.True(await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10)), doomed.Output);
        // Give the slot process its moment to see its supervisor gone (ParentWatch) before counting.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var checkpointed = await interruptedApi.Database.ScalarAsync("SELECT coalesce(max(epoch), 0) FROM trial_checkpoints");
        Assert.InRange(checkpointed, 2, Epochs - 1);

        await using var survivor = WorkerProcess.Start(interruptedApi.Database.ConnectionString);
        await WaitForCompletedAsync(interruptedApi, id, survivor);

        var trialId = await OnlyTrialIdAsync(interruptedApi, id);
        Assert.Contains($"Trial {trialId} resumes after epoch {checkpointed}", survivor.Output);
        Assert.Equal(2, await interruptedApi.Database.ScalarAsync($"SELECT attempts FROM trials WHERE id = {trialId}"));
        Assert.Equal(0, await interruptedApi.Database.ScalarAsync("SELECT count(*) FROM trial_checkpoints"));
        var resumed = await MetricsAsync(interruptedApi, trialId);
        Assert.Equal(Epochs, resumed.Epochs.Count);
        Assert.Equal(uninterrupted.Epochs, resumed.Epochs);
        Assert.Equal(uninterrupted.Result, resumed.Result);
    }
}
