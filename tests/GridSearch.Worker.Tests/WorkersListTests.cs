using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Processes;

namespace GridSearch.Worker.Tests;

/// <summary>GET /api/workers over a real worker process: it registers, shows what its slots run and counts
/// what they finished, is shown lost once killed, and leaves the list when it stops cleanly.</summary>
public sealed class WorkersListTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static readonly object Search = MnistSearches.Mlp("workers", [2], [64, 128], epochs: 4, trainSize: 2000);

    private static async Task<JsonElement[]> WorkersAsync(ApiHost api) =>
        (await api.Client.GetFromJsonAsync<JsonElement>("/api/workers")).EnumerateArray().ToArray();

    [Fact]
    public async Task AWorkerShowsItsSlotsAndTrials_CountsWhatItFinished_AndIsLostOnceKilled()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Search);
        await using var worker = WorkerProcess.Start(api.Database.ConnectionString, slots: 2, leaseSeconds: 3);

        // Both trials run at once, one per slot, each shown with its search.
        await Eventually.HoldsAsync(
            async () => (await WorkersAsync(api)) is [var w] && w.GetProperty("running").GetArrayLength() == 2,
            Patience,
            () => worker.Output);
        var busy = (await WorkersAsync(api))[0];
        Assert.Equal("alive", busy.GetProperty("status").GetString());
        Assert.Equal(2, busy.GetProperty("slots").GetInt32());
        Assert.Equal("cpu", busy.GetProperty("device").GetString());
        Assert.Equal(worker.Id, busy.GetProperty("processId").GetInt32());
        Assert.Equal(3, busy.GetProperty("leaseSeconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, busy.GetProperty("lostSince").ValueKind);
        Assert.Equal([0, 1], busy.GetProperty("running").EnumerateArray().Select(s => s.GetProperty("slot").GetInt32()).Order());
        Assert.All(busy.GetProperty("running").EnumerateArray(), s => Assert.Equal(id, s.GetProperty("searchId").GetInt64()));
        var running = busy.GetProperty("running").EnumerateArray().Select(s => s.GetProperty("trialId").GetInt64()).Order().ToArray();
        Assert.Equal(await TrialIdsAsync(api), running);

        await Eventually.HoldsAsync(
            async () => (await WorkersAsync(api)) is [var w] && w.GetProperty("trialsDone").GetInt64() == 2 && w.GetProperty("running").GetArrayLength() == 0,
            Patience,
            () => worker.Output);
        Assert.True((await WorkersAsync(api))[0].GetProperty("trialsPerHour").GetDouble() > 0);

        worker.Signal(DotnetProcess.SigKill);
        // Two leases (6 s) without a heartbeat.
        await Eventually.HoldsAsync(async () => (await WorkersAsync(api))[0].GetProperty("status").GetString() == "lost", Patience, () => worker.Output);
        var lost = (await WorkersAsync(api))[0];
        Assert.Equal(lost.GetProperty("lastSeenAt").GetDateTimeOffset(), lost.GetProperty("lostSince").GetDateTimeOffset());
    }

    [Fact]
    public async Task AWorkerThatStopsCleanly_LeavesTheList()
    {
        await using var api = await ApiHost.StartAsync();
        await using var worker = WorkerProcess.Start(api.Database.ConnectionString);
        await Eventually.HoldsAsync(async () => (await WorkersAsync(api)).Length == 1, Patience, () => worker.Output);

        worker.Signal(DotnetProcess.SigTerm);

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(20)), worker.Output);
        Assert.Empty(await WorkersAsync(api));
    }

    private static async Task<long[]> TrialIdsAsync(ApiHost api)
    {
        await using var command = api.Database.DataSource.CreateCommand("SELECT id FROM trials ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}
