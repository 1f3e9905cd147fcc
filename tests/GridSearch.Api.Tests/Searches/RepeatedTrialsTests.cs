using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Queue;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Pruning;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

/// <summary>A repeat is a trial to the rest of the service: the trial limit counts it, the pruner judges it on
/// its own numbers, it resumes from its own checkpoint, and cross-validation evaluates a configuration once.</summary>
public sealed class RepeatedTrialsTests
{
    private static object Definition(int repeats, int[] widths, object? limits = null, object? pruner = null) => new
    {
        name = "repeated",
        dataset = "mnist",
        model = "mlp",
        seed = 7,
        repeats,
        limits,
        pruner,
        grid = new { width = widths },
        @fixed = new { depth = 1, epochs = 3, trainSize = 300 },
    };

    private static async Task<TrialLease> ClaimAsync(ApiHost api, string worker = "test-worker") =>
        await api.Queue.ClaimAsync(worker, CancellationToken.None) ?? throw new InvalidOperationException("Nothing to claim.");

    private static Epoch EpochOf(TrialLease lease, int number, double valAccuracy) => new()
    {
        TrialId = lease.TrialId,
        Number = number,
        TrainLoss = 0.3,
        TrainAccuracy = 0.9,
        ValLoss = 0.4,
        ValAccuracy = valAccuracy,
        LearningRate = 0.001,
        Seconds = 1,
    };

    private static long SeedOf(TrialLease lease) => TrialConfigJson.Deserialize(lease.ConfigJson).Seed;

    [Fact]
    public async Task MaxTrials_CountsRepeats_TheSearchStopsOnceThatManyTrialsStarted()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition(repeats: 3, widths: [16, 32], limits: new { maxTrials = 4 }));

        var checks = new List<ClaimCheck>();
        for (var i = 0; i < 4; i++)
        {
            var lease = await ClaimAsync(api);
            checks.Add(await api.Queue.CheckLimitsAtClaimAsync(lease, lease.Rules.Limits, CancellationToken.None));
        }

        Assert.All(checks, c => Assert.False(c.Cancelled));
        Assert.Null(await api.Queue.ClaimAsync("test-worker", CancellationToken.None));
        Assert.Equal(4, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'running'"));
        Assert.Equal(2, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'cancelled' AND stop_reason = 'limit'"));
        // Grid order under limits: the first configuration's three repeats, then the second's first.
        Assert.Equal(4, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'running' AND ordinal < 4"));
    }

    [Fact]
    public async Task Pruner_JudgesARepeatOnItsOwnNumbers_AgainstTheOtherTrialsItsSiblingsIncluded()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(Definition(repeats: 2, widths: [16], pruner: new { kind = "median" }));
        var standing = new EpochStandingQuery(api.Database.DataSource);
        var good = await ClaimAsync(api);
        var poor = await ClaimAsync(api);
        Assert.NotEqual(SeedOf(good), SeedOf(poor));
        Assert.True(await api.Queue.RecordEpochAsync(good, EpochOf(good, 1, 0.9), checkpoint: null, CancellationToken.None));
        Assert.True(await api.Queue.RecordEpochAsync(poor, EpochOf(poor, 1, 0.5), checkpoint: null, CancellationToken.None));

        var poorStanding = await standing.EpochStandingAsync(poor, 1, EpochMetric.ValAccuracy, CancellationToken.None);
        var goodStanding = await standing.EpochStandingAsync(good, 1, EpochMetric.ValAccuracy, CancellationToken.None);

        var pruner = poor.Rules.Pruner;
        Assert.Equal(PrunerKind.Median, pruner.Kind);
        Assert.Equal(new[] { 0.9 }, poorStanding.Others);
        Assert.Equal(new[] { 0.5 }, goodStanding.Others);
        Assert.True(pruner.ShouldPrune(1, 0.5, 0.5, poorStanding.Others));
        Assert.False(pruner.ShouldPrune(1, 0.9, 0.9, goodStanding.Others));
    }

    [Fact]
    public async Task Resume_OfRepeats_EachResumesFromItsOwnCheckpoint()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(Definition(repeats: 2, widths: [16]));
        var first = await ClaimAsync(api, "worker-a");
        var second = await ClaimAsync(api, "worker-a");
        var states = new Dictionary<long, byte[]> { [first.TrialId] = [1, 1, 1], [second.TrialId] = [2, 2, 2] };
        Assert.True(await api.Queue.RecordEpochAsync(first, EpochOf(first, 1, 0.8), states[first.TrialId], CancellationToken.None));
        Assert.True(await api.Queue.RecordEpochAsync(second, EpochOf(second, 1, 0.7), states[second.TrialId], CancellationToken.None));
        await api.Database.ExecuteAsync($"UPDATE trials SET lease_expires_at = now() - interval '1 second' WHERE id IN ({first.TrialId}, {second.TrialId})");
        Assert.Equal(2, await api.Queue.RescueExpiredAsync(CancellationToken.None));

        var resumed = new[] { await ClaimAsync(api, "worker-b"), await ClaimAsync(api, "worker-b") };

        Assert.Equal(states.Keys.Order(), resumed.Select(l => l.TrialId).Order());
        foreach (var lease in resumed)
        {
            var checkpoint = await api.Queue.LoadCheckpointAsync(lease, CancellationToken.None);
            Assert.Equal(1, checkpoint!.Epoch);
            Assert.Equal(states[lease.TrialId], checkpoint.State);
            Assert.Equal(lease.TrialId == first.TrialId ? SeedOf(first) : SeedOf(second), SeedOf(lease));
        }
    }

    [Fact]
    public async Task Evaluate_OfARepeatedSearch_CrossValidatesEachConfigurationOnceThroughItsRepeatZero()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition(repeats: 3, widths: [16, 32]));
        for (var i = 0; i < 6; i++)
        {
            await api.FinishNextAsync(0.8);
        }

        // Width 16's repeat 2 is the search's best trial, its repeat 1 the second: still one configuration.
        await api.Database.ExecuteAsync($"""
            UPDATE trials SET val_accuracy = CASE WHEN grid_point->>'width' = '16' THEN 0.90 + repeat / 100.0 ELSE 0.85 END
            WHERE search_id = {id}
            """);
        var firstRepeat = await api.Database.ScalarAsync($"SELECT id FROM trials WHERE search_id = {id} AND grid_point->>'width' = '16' AND repeat = 0");

        using var response = await api.Client.PostAsJsonAsync($"/api/searches/{id}/evaluate", new { top = 2, folds = 2 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(4, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());
        var sources = await api.Database.ScalarAsync($"SELECT count(DISTINCT fold_of) FROM trials WHERE search_id = {id} AND fold_of IS NOT NULL");
        var notFirst = await api.Database.ScalarAsync(
            $"SELECT count(*) FROM trials f JOIN trials s ON s.id = f.fold_of WHERE f.search_id = {id} AND (s.repeat <> 0 OR f.repeat <> 0 OR (f.config->>'seed')::bigint <> 7)");
        Assert.Equal(2, sources);
        Assert.Equal(0, notFirst);
        Assert.Equal(2, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE fold_of = {firstRepeat}"));
    }
}
