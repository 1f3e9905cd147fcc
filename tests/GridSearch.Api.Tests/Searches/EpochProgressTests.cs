using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Estimates;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
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

    /// <summary>The reference cost of one of <see cref="ThreeLongTrials"/>' trials (the default depth: two hidden layers of the width).</summary>
    private static TrialCost Cost(int width) =>
        ReferenceCost.Of(TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with { HiddenLayers = [width, width], Activations = [ActivationFunction.Relu], Epochs = 30, TrainSize = 300 })!;

    [Fact]
    public async Task ThreeThirtyEpochTrials_MoveFromTheirFirstEpoch_BlendThePlanWithTheirPace_AndAnEarlyStopShrinksThePlan()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(ThreeLongTrials);
        var (c16, c32, c64) = (Cost(16), Cost(32), Cost(64));

        // Queued, on an installation that has trained nothing: the plan at the reference, on one slot.
        var queued = await EpochsAsync(api, id);
        Assert.Equal(0, queued.GetProperty("done").GetInt32());
        Assert.Equal(90, queued.GetProperty("planned").GetInt32());
        Assert.Equal(c16.PlannedSeconds + c32.PlannedSeconds + c64.PlannedSeconds, queued.GetProperty("estimatedSecondsLeft").GetDouble(), 9);

        var lease = (await api.Queue.ClaimAsync("slot-a", CancellationToken.None))!;
        await RecordAsync(api, lease, 1, 2.0);
        await RecordAsync(api, lease, 2, 4.0);

        var running = await EpochsAsync(api, id);
        Assert.Equal(2, running.GetProperty("done").GetInt32());
        Assert.Equal(90, running.GetProperty("planned").GetInt32());
        // Its 2 epochs took 6 s against 2 reference epochs; the plan (the reference, 1×) counts as 3 epochs. No
        // trial has ended: ends at the plan's 1×.
        var factor = (3 + (2 * (6.0 / (2 * c16.EpochSeconds)))) / 5;
        var epochsLeft = (28 * c16.EpochSeconds) + (30 * c32.EpochSeconds) + (30 * c64.EpochSeconds);
        Assert.Equal((factor * epochsLeft) + c16.EndSeconds + c32.EndSeconds + c64.EndSeconds, running.GetProperty("estimatedSecondsLeft").GetDouble(), 6);

        // It stops early after its second epoch, 7 s after its claim: the plan shrinks to 2 + 30 + 30. Its end is
        // not measured (its slot's first trial of MNIST also read the dataset): ends stay at the plan's 1×.
        await api.Queue.CompleteAsync(lease, new TrialResult(0.8, 0.5, 0.8, 0.5, 2, StopReason.EarlyStopped, 12_730, [[1]]), model: null, CancellationToken.None);
        await api.Database.ExecuteAsync("UPDATE trials SET started_at = timestamptz '2030-01-01 00:00:00+00', finished_at = timestamptz '2030-01-01 00:00:07+00' WHERE status = 'succeeded'");

        var shrunk = await EpochsAsync(api, id);
        Assert.Equal(2, shrunk.GetProperty("done").GetInt32());
        Assert.Equal(62, shrunk.GetProperty("planned").GetInt32());
        var left = (factor * ((30 * c32.EpochSeconds) + (30 * c64.EpochSeconds))) + c32.EndSeconds + c64.EndSeconds;
        Assert.Equal(left, shrunk.GetProperty("estimatedSecondsLeft").GetDouble(), 6);
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
