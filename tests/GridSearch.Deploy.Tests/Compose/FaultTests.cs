using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GridSearch.Testing;
using Xunit.Abstractions;

namespace GridSearch.Deploy.Tests.Compose;

/// <summary>
/// Faults injected into the running stack in the middle of a search: each ends with the search complete,
/// nothing lost and nothing recorded twice, and prints how long the service took to recover.
/// </summary>
[Collection(DeployCollection.Name)]
public sealed class FaultTests(ComposeStack stack, ITestOutputHelper output)
{
    private const string LostLease = "lost its lease";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task WorkerCutOffLongerThanTheLease_TrialResumesElsewhere_LateWritesAreRefused_AndTheWorkerGoesBackToWork()
    {
        var search = await StackSearch.SubmitAsync(stack, "deploy-network-cut", seed: 201, widths: [64, 96, 128, 160], epochs: 12, trainSize: 12000);
        var (trial, worker) = await search.WaitForMidTrialAsync();
        var container = await stack.WorkerContainerOfAsync(worker);
        var host = Host(worker);

        var cut = Stopwatch.StartNew();
        await stack.EngineAsync("network", "disconnect", stack.Network, container);
        var resumedBy = await WaitForResumptionElsewhereAsync(search, trial, host);
        var resumed = cut.Elapsed;
        // Off the network for at least two leases, however soon the trial moved.
        var offFor = 2 * ComposeStack.Lease - cut.Elapsed;
        if (offFor > TimeSpan.Zero)
        {
            await Task.Delay(offFor);
        }

        var off = cut.Elapsed;
        await stack.EngineAsync("network", "connect", stack.Network, container);
        var back = Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () => (await stack.LogsAsync(container)).Contains(LostLease, StringComparison.Ordinal), Patience, () => $"{container} never found its lease gone");
        var refusedAfter = back.Elapsed;
        var refused = Occurrences(await stack.LogsAsync(container), LostLease);
        await search.WaitUntilFinishedAsync();
        await search.AssertRecordedOnceAsync();
        await AssertResumedFromCheckpointAsync(resumedBy, trial);

        // Back to work: a search submitted now is trained on every worker container, the cut-off one included.
        var next = await StackSearch.SubmitAsync(stack, "deploy-network-cut-after", seed: 202, widths: [32, 40, 48, 56, 64, 72], epochs: 6, trainSize: 6000);
        await next.WaitUntilFinishedAsync();
        await next.AssertRecordedOnceAsync();
        Assert.Contains(host, await next.TrainingHostsAsync());
        Assert.Equal(1, await search.CountAsync($"id = {trial} AND attempts = 2"));
        Report(
            $"network cut of a worker ({off.TotalSeconds:0} s off, lease {ComposeStack.Lease.TotalSeconds:0} s): its trial resumed on another worker "
            + $"{RecoveryReport.Seconds(resumed)} after the cut; reconnected, its late writes were refused {RecoveryReport.Seconds(refusedAfter)} later "
            + $"({refused} attempt dropped as '{LostLease}'); it trained in the next search");
    }

    [Fact]
    public async Task WorkerKilledMidTrial_TrialResumesElsewhereFromItsCheckpoint()
    {
        var search = await StackSearch.SubmitAsync(stack, "deploy-kill", seed: 301, widths: [64, 96, 128, 160], epochs: 12, trainSize: 12000);
        var (trial, worker) = await search.WaitForMidTrialAsync();
        var container = await stack.WorkerContainerOfAsync(worker);

        var kill = Stopwatch.StartNew();
        await stack.EngineAsync("kill", container);
        var resumedBy = await WaitForResumptionElsewhereAsync(search, trial, Host(worker));
        var resumed = kill.Elapsed;
        await search.WaitUntilFinishedAsync();

        await search.AssertRecordedOnceAsync();
        await AssertResumedFromCheckpointAsync(resumedBy, trial);
        await EnsureRunningAsync(container);
        Report($"worker container killed: its trial resumed on another worker {RecoveryReport.Seconds(resumed)} after the kill (lease {ComposeStack.Lease.TotalSeconds:0} s)");
    }

    [Fact]
    public async Task PostgresRestartedMidSearch_TrainingResumesAndEveryTrialIsRecordedOnce()
    {
        // Long enough that training outlasts the restart by many epochs.
        var search = await StackSearch.SubmitAsync(stack, "deploy-postgres-restart", seed: 401, widths: [64, 96, 128], epochs: 40, trainSize: 12000);
        await search.WaitForMidTrialAsync();
        var postgres = await stack.ContainerAsync("postgres");

        var restart = Stopwatch.StartNew();
        await stack.EngineAsync("restart", postgres);
        long afterRestart = -1;
        await Eventually.HoldsAsync(async () => (afterRestart = await search.EpochsRecordedAsync()) >= 0, Patience, () => "PostgreSQL did not come back");
        await Eventually.HoldsAsync(async () => await search.EpochsRecordedAsync() > afterRestart, Patience, () => "no epoch was written after the restart");
        var recovered = restart.Elapsed;
        await search.WaitUntilFinishedAsync();

        await search.AssertRecordedOnceAsync();
        Report($"postgres container restarted: the next epoch was written {RecoveryReport.Seconds(recovered)} after the restart began");
    }

    [Fact]
    public async Task ApiStoppedFor30Seconds_TrainingGoesOn_AndTheSearchIsReadableOnceItIsBack()
    {
        var search = await StackSearch.SubmitAsync(stack, "deploy-api-stop", seed: 501, widths: [64, 96, 128], epochs: 15, trainSize: 12000);
        await search.WaitForMidTrialAsync();
        var api = await stack.ContainerAsync("api");

        await stack.EngineAsync("stop", api);
        var before = await search.EpochsRecordedAsync();
        await Task.Delay(TimeSpan.FromSeconds(30));
        var during = await search.EpochsRecordedAsync() - before;
        var start = Stopwatch.StartNew();
        await stack.EngineAsync("start", api);
        await Eventually.HoldsAsync(async () => await StatusAsync($"/api/searches/{search.Id}") == HttpStatusCode.OK, Patience, () => "the API did not come back");
        var answered = start.Elapsed;
        await search.WaitUntilFinishedAsync();

        Assert.True(during > 0, "no epoch was recorded while the API was down");
        await search.AssertRecordedOnceAsync();
        using var leaderboard = await stack.Api.GetAsync($"/api/searches/{search.Id}/leaderboard");
        Assert.Equal(HttpStatusCode.OK, leaderboard.StatusCode);
        var state = JsonDocument.Parse(await stack.Api.GetStringAsync($"/api/searches/{search.Id}")).RootElement;
        Assert.Equal("completed", state.GetProperty("status").GetString());
        Report($"api container stopped 30 s: {during} epochs recorded meanwhile; the search answered {RecoveryReport.Seconds(answered)} after the start");
    }

    private async Task<string> WaitForResumptionElsewhereAsync(StackSearch search, long trial, string host)
    {
        string? by = null;
        await Eventually.HoldsAsync(
            async () => (by = await search.RunningWorkerAsync(trial)) is { } holder && Host(holder) != host,
            Patience,
            () => $"trial {trial} was not taken up by another worker");
        return await stack.WorkerContainerOfAsync(by!);
    }

    private async Task AssertResumedFromCheckpointAsync(string container, long trial) =>
        Assert.Contains($"Trial {trial} resumes after epoch", await stack.LogsAsync(container), StringComparison.Ordinal);

    /// <summary>A killed container may or may not be restarted by its policy, depending on the engine: the
    /// next test wants all the workers, and starting a running container changes nothing.</summary>
    private Task EnsureRunningAsync(string container) => stack.EngineAsync("start", container);

    private async Task<HttpStatusCode?> StatusAsync(string path)
    {
        try
        {
            using var response = await stack.Api.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private void Report(string line) => RecoveryReport.Write(output, line);

    private static string Host(string worker) => worker.Split('/')[0];

    private static int Occurrences(string text, string phrase) => text.Split(phrase).Length - 1;
}
