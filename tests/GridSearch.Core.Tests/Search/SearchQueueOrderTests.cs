using System.Text.Json;
using GridSearch.Core.Estimates;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Search;

/// <summary>The order a submitted search's trials are claimed in, through the service and the real queue.</summary>
public sealed class SearchQueueOrderTests : IAsyncLifetime
{
    private const string Grid = """
        { "dataset": "mnist", "model": "mlp", "reuse": false, "grid": { "depth": [1, 2], "width": [64, 256] }, "fixed": { "epochs": 2 } }
        """;

    private TestDatabase db = null!;

    public async Task InitializeAsync() => db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task Claims_TakeTheMostWorkFirst_OrGridOrderWhenTheServiceSaysSo_OrWhenTheSearchHasLimits()
    {
        Assert.Equal([3, 1, 2, 0], await ClaimedOrdinalsAsync(Grid, new SearchLimits()));
        Assert.Equal([0, 1, 2, 3], await ClaimedOrdinalsAsync(Grid, new SearchLimits { LongestFirst = false }));
        var limited = Grid.Replace("\"epochs\": 2 }", "\"epochs\": 2 }, \"limits\": { \"timeLimitMinutes\": 60 }", StringComparison.Ordinal);
        Assert.Equal([0, 1, 2, 3], await ClaimedOrdinalsAsync(limited, new SearchLimits()));
    }

    private async Task<List<int>> ClaimedOrdinalsAsync(string definition, SearchLimits limits)
    {
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await using (var context = db.CreateDbContext())
        {
            using var json = JsonDocument.Parse(definition);
            var service = new SearchService(context, queue, new ResultCache(db.DataSource, new QueueOptions()), new LeaderboardQuery(db.DataSource), limits, new EpochRateQuery(db.DataSource), TimeProvider.System);
            // New each time: the same definition under other service settings, not a resubmission.
            Assert.True((await service.SubmitAsync(json.RootElement, null, null, forceNew: true, default)).IsValid);
        }

        var ordinals = new List<int>();
        while (await queue.ClaimAsync("worker-a", default) is { } lease)
        {
            await using (lease)
            {
                await using var command = db.DataSource.CreateCommand("SELECT ordinal FROM trials WHERE id = $1");
                command.Parameters.AddWithValue(lease.TrialId);
                ordinals.Add((int)(await command.ExecuteScalarAsync())!);
                Assert.True(await queue.CompleteAsync(lease, new TrialResult(0.9, 0.3, 0.9, 0.3, 2, StopReason.Completed, 1, [[1]]), model: null, default));
            }
        }

        return ordinals;
    }
}
