using System.Globalization;
using System.Text.Json;
using GridSearch.Core.Estimates;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>TPE searches through the service and the real queue: suggestions made at claim, under concurrent claims,
/// when the space runs out, after warm starts, and learning from an earlier search (startFrom).</summary>
public sealed class TrialSuggestionsTests : IAsyncLifetime
{
    private const string Rates = "[0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4]";

    private TestDatabase db = null!;
    private TrialQueue queue = null!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        queue = new TrialQueue(db.DataSource, new QueueOptions());
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task Claims_OfFourWorkersAtOnce_OnAFourPointSpace_GetFourDifferentConfigurations()
    {
        await SubmitAsync("""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "tpe" }, "grid": { "learningRate": [0.01, 0.1], "width": [32, 64] } }""");

        var leases = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => queue.ClaimAsync("worker-" + i.ToString(CultureInfo.InvariantCulture), default)));

        Assert.All(leases, Assert.NotNull);
        Assert.Equal(4, leases.Select(l => l!.ConfigHash).Distinct().Count());
        Assert.All(leases, l => Assert.Equal(ChosenBy.TpeStartup, l!.ChosenBy));
        Assert.All(leases, l => Assert.NotEqual("{}", l!.ConfigJson));
        Assert.Equal(4, await db.ScalarAsync("SELECT count(DISTINCT config_hash) FROM trials WHERE chosen_by = 'tpe_startup' AND config <> '{}'::jsonb"));
        foreach (var lease in leases)
        {
            await lease!.DisposeAsync();
        }
    }

    [Fact]
    public async Task Claim_WhenTheSpaceIsExhausted_EndsTheTrialCancelledWithTheReason_AndTheSearchCompletes()
    {
        // Two grid points, one network: with a constant learning rate lrFactor does not apply, so both resolve alike.
        var search = await SubmitAsync("""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "tpe", "count": 2 }, "grid": { "lrFactor": [0.5, 0.25] } }""");

        await using (var first = await queue.ClaimAsync("w", default))
        {
            Assert.NotNull(first);
            Assert.Null(await queue.ClaimAsync("w", default));
            Assert.True(await queue.CompleteAsync(first, Result(0.8), model: null, default));
        }

        Assert.Equal(1, await db.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {search} AND status = 'cancelled' AND attempts = 0 AND started_at IS NULL AND error = '{TrialSuggestions.Exhausted.Replace("'", "''", StringComparison.Ordinal)}'"));
        await using var context = db.CreateDbContext();
        var progress = await Service(context).GetAsync(search, default);
        Assert.Equal(SearchStatus.Completed, progress!.Status);
    }

    [Fact]
    public async Task Claims_OfATpeSearch_TakeItsPointsFirst_ThenStartFrom_ThenTpe_EachConfigOnce()
    {
        var earlier = await SubmitAsync($$"""{ "dataset": "mnist", "model": "mlp", "grid": { "learningRate": {{Rates}} } }""");
        await CompleteAllAsync(lr => lr);

        var search = await SubmitAsync($$"""
            { "dataset": "mnist", "model": "mlp", "reuse": false, "strategy": { "kind": "tpe", "count": 5, "points": [{ "learningRate": 0.001 }] },
              "startFrom": { "searchId": {{earlier}}, "top": 2 }, "grid": { "learningRate": {{Rates}} } }
            """);

        var chosen = new List<(string? ChosenBy, string Config)>();
        while (await queue.ClaimAsync("w", default) is { } lease)
        {
            await using (lease)
            {
                chosen.Add((lease.ChosenBy, lease.ConfigJson));
                Assert.True(await queue.CompleteAsync(lease, Result(0.5), model: null, default));
            }
        }

        // The earlier search's ten finished trials lie in this space with the same settings: TPE learns from them at once.
        Assert.Equal([ChosenBy.Point, ChosenBy.StartFrom, ChosenBy.StartFrom, ChosenBy.Tpe, ChosenBy.Tpe], chosen.Select(c => c.ChosenBy));
        Assert.Equal(0.001, LearningRate(chosen[0].Config));
        // The earlier search's best two (the highest rates scored best there).
        Assert.Equal([0.4, 0.3], chosen.Skip(1).Take(2).Select(c => LearningRate(c.Config)));
        Assert.Equal(5, chosen.Select(c => c.Config).Distinct().Count());
        Assert.Equal(5, await db.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {search} AND status = 'succeeded'"));
    }

    [Fact]
    public async Task Suggestion_AfterStartFromWithTenFinishedTrials_IsLearned_ButNotWhenTheFixedSettingsDiffer()
    {
        var earlier = await SubmitAsync($$"""{ "dataset": "mnist", "model": "mlp", "grid": { "learningRate": {{Rates}} }, "fixed": { "epochs": 3 } }""");
        await CompleteAllAsync(lr => lr);

        // Same epochs: the earlier ten teach TPE, so its first suggestion is learned; other epochs: they teach nothing.
        foreach (var (epochs, expected) in new[] { (3, ChosenBy.Tpe), (4, ChosenBy.TpeStartup) })
        {
            await SubmitAsync($$"""
                { "dataset": "mnist", "model": "mlp", "reuse": false, "strategy": { "kind": "tpe", "count": 2 }, "startFrom": { "searchId": {{earlier}}, "top": 1 },
                  "grid": { "learningRate": {{Rates}} }, "fixed": { "epochs": {{epochs}} } }
                """);
            await using (var warm = await queue.ClaimAsync("w", default))
            {
                Assert.Equal((ChosenBy.StartFrom, 0.4), (warm!.ChosenBy, LearningRate(warm.ConfigJson)));
                Assert.True(await queue.CompleteAsync(warm, Result(0.5), model: null, default));
            }

            await using var suggested = await queue.ClaimAsync("w", default);
            Assert.Equal(expected, suggested!.ChosenBy);
            Assert.True(await queue.CompleteAsync(suggested, Result(0.5), model: null, default));
        }
    }

    [Fact]
    public async Task MaxTrials_OfATpeSearch_StopsItAtTheLimit_ItsUnsuggestedTrialsEndCancelled()
    {
        var search = await SubmitAsync($$"""{ "dataset": "mnist", "model": "mlp", "strategy": { "kind": "tpe", "count": 6 }, "grid": { "learningRate": {{Rates}} }, "limits": { "maxTrials": 2 } }""");
        var limits = new SearchStopLimits(MaxTrials: 2);

        await using var first = (await queue.ClaimAsync("w", default))!;
        Assert.False((await queue.CheckLimitsAtClaimAsync(first, limits, default)).Cancelled);
        await using var second = (await queue.ClaimAsync("w", default))!;
        Assert.False((await queue.CheckLimitsAtClaimAsync(second, limits, default)).Cancelled);

        Assert.Null(await queue.ClaimAsync("w", default));
        Assert.Equal(4, await db.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {search} AND status = 'cancelled' AND chosen_by IS NULL AND stop_reason = 'limit'"));
        Assert.NotEqual(first.ConfigHash, second.ConfigHash);
    }

    private static TrialResult Result(double valAccuracy) =>
        new(valAccuracy, 0.3, valAccuracy, 0.3, 1, StopReason.Completed, 1, [[1]]);

    private static double LearningRate(string config)
    {
        using var json = JsonDocument.Parse(config);
        return json.RootElement.GetProperty("learningRate").GetDouble();
    }

    /// <summary>Claims and completes every available trial, each scoring what <paramref name="score"/> gives its learning rate.</summary>
    private async Task CompleteAllAsync(Func<double, double> score)
    {
        while (await queue.ClaimAsync("w", default) is { } lease)
        {
            await using (lease)
            {
                Assert.True(await queue.CompleteAsync(lease, Result(score(LearningRate(lease.ConfigJson))), model: null, default));
            }
        }
    }

    private SearchService Service(GridSearch.Core.Persistence.GridSearchDbContext context) =>
        new(context, queue, new ResultCache(db.DataSource, new QueueOptions()), new LeaderboardQuery(db.DataSource), new SearchLimits(), new EpochRateQuery(db.DataSource), TimeProvider.System);

    private async Task<long> SubmitAsync(string definition)
    {
        await using var context = db.CreateDbContext();
        using var json = JsonDocument.Parse(definition);
        var submission = await Service(context).SubmitAsync(json.RootElement, null, null, forceNew: true, default);
        Assert.True(submission.IsValid, string.Join("; ", submission.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return submission.Search!.Id;
    }
}
