using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

/// <summary>GET /api/searches/{id} counts progress in epochs: done of planned, with the time left.</summary>
public sealed class EpochProgressTests
{
    private static readonly object ThreeLongTrials = new
    {
        name = "three-long",
        dataset = "mnist",
        model = "mlp",
        grid = new { width = new[] { 16, 32, 64 } },
        @fixed = new { epochs = 30, trainSize = 300 },
    };

    private static async Task<JsonElement> EpochsAsync(ApiHost api, long id) =>
        (await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}")).GetProperty("epochs");

    private static Task RecordAsync(ApiHost api, TrialLease lease, int number, double seconds) =>
        api.Queue.RecordEpochAsync(lease, new Epoch { TrialId = lease.TrialId, Number = number, TrainLoss = 0.5, TrainAccuracy = 0.8, ValLoss = 0.5, ValAccuracy = 0.8, LearningRate = 0.001, Seconds = seconds }, checkpoint: null, CancellationToken.None);

    [Fact]
    public async Task ThreeThirtyEpochTrials_MoveFromTheirFirstEpoch_AndAnEarlyStopShrinksThePlan()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(ThreeLongTrials);

        var queued = await EpochsAsync(api, id);
        Assert.Equal(0, queued.GetProperty("done").GetInt32());
        Assert.Equal(90, queued.GetProperty("planned").GetInt32());
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("estimatedSecondsLeft").ValueKind);

        var lease = (await api.Queue.ClaimAsync("slot-a", CancellationToken.None))!;
        await RecordAsync(api, lease, 1, 2.0);
        await RecordAsync(api, lease, 2, 4.0);

        var running = await EpochsAsync(api, id);
        Assert.Equal(2, running.GetProperty("done").GetInt32());
        Assert.Equal(90, running.GetProperty("planned").GetInt32());
        // 88 epochs left at the 3 s each this search has taken so far, on the one slot running it.
        Assert.Equal(88 * 3.0, running.GetProperty("estimatedSecondsLeft").GetDouble(), 6);

        // It stops early after its second epoch: the plan shrinks to 2 + 30 + 30.
        await api.Queue.CompleteAsync(lease, new TrialResult(0.8, 0.5, 0.8, 0.5, 2, StopReason.EarlyStopped, 12_730, [[1]]), model: null, CancellationToken.None);

        var shrunk = await EpochsAsync(api, id);
        Assert.Equal(2, shrunk.GetProperty("done").GetInt32());
        Assert.Equal(62, shrunk.GetProperty("planned").GetInt32());
        Assert.Equal(60 * 3.0, shrunk.GetProperty("estimatedSecondsLeft").GetDouble(), 6);
    }

    [Fact]
    public async Task ACompletedSearch_HasEveryPlannedEpochDoneAndNoTimeLeft()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new { dataset = "mnist", model = "mlp", grid = new { width = new[] { 16, 32 } }, @fixed = new { epochs = 5 } });
        await api.FinishNextAsync(0.9);
        await api.FinishNextAsync(0.91);

        var epochs = await EpochsAsync(api, id);

        Assert.Equal(2, epochs.GetProperty("done").GetInt32());
        Assert.Equal(2, epochs.GetProperty("planned").GetInt32());
        Assert.Equal(0, epochs.GetProperty("estimatedSecondsLeft").GetDouble());
    }

    [Fact]
    public async Task SearchesList_LeavesEpochsOut()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(ThreeLongTrials);

        var page = await api.Client.GetFromJsonAsync<JsonElement>("/api/searches");

        Assert.Equal(JsonValueKind.Null, page.GetProperty("items")[0].GetProperty("epochs").ValueKind);
    }
}
