using GridSearch.Core.Models;
using GridSearch.Core.Queue;
using GridSearch.Core.Tests.Queue;
using GridSearch.Domain.Models;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Models;

/// <summary>When a search ends, its best K models (by test accuracy) and the pinned ones stay; the rest go.</summary>
public sealed class ModelRetentionTests
{
    private const int Keep = 2;

    [Fact]
    public async Task A_search_that_ends_keeps_exactly_its_top_k_models_and_the_pinned_ones()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { KeepModelsPerSearch = Keep });
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 6);
        // Accuracies by completion order: the best two are the 2nd and the 5th; the worst (4th) gets pinned.
        double[] accuracies = [0.80, 0.95, 0.85, 0.70, 0.97, 0.90];
        var trialIds = new List<long>();
        await using var context = db.CreateDbContext();
        var store = new ModelStore(context, db.DataSource, new QueueOptions { KeepModelsPerSearch = Keep });

        for (var i = 0; i < accuracies.Length; i++)
        {
            var lease = (await queue.ClaimAsync("worker-a", default))!;
            trialIds.Add(lease.TrialId);
            Assert.True(await queue.CompleteAsync(lease, QueueTestData.Result with { TestAccuracy = accuracies[i] }, Model(i), default));
            if (i == 3)
            {
                Assert.True(await store.PinAsync(lease.TrialId, pinned: true, default));
            }

            if (i < accuracies.Length - 1)
            {
                // Nothing is dropped while the search runs.
                Assert.Equal(i + 1, await KeptCountAsync(db, searchId));
            }
        }

        Assert.Equal([trialIds[1], trialIds[3], trialIds[4]], await KeptAsync(db, searchId));
        Assert.Equal(Model(4).Data, (await store.FindAsync(trialIds[4], default))!.Stored.Data);
    }

    [Fact]
    public async Task Unpinning_a_model_outside_an_ended_searchs_best_drops_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { KeepModelsPerSearch = 1 });
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 2);
        await using var context = db.CreateDbContext();
        var store = new ModelStore(context, db.DataSource, new QueueOptions { KeepModelsPerSearch = 1 });
        var worse = (await queue.ClaimAsync("worker-a", default))!;
        Assert.True(await queue.CompleteAsync(worse, QueueTestData.Result with { TestAccuracy = 0.5 }, Model(0), default));
        Assert.True(await store.PinAsync(worse.TrialId, pinned: true, default));
        var better = (await queue.ClaimAsync("worker-a", default))!;
        Assert.True(await queue.CompleteAsync(better, QueueTestData.Result with { TestAccuracy = 0.9 }, Model(1), default));
        Assert.Equal(2, await KeptCountAsync(db, searchId));

        Assert.True(await store.PinAsync(worse.TrialId, pinned: false, default));

        Assert.Equal([better.TrialId], await KeptAsync(db, searchId));
        Assert.False(await store.PinAsync(worse.TrialId, pinned: true, default));
    }

    [Fact]
    public async Task Keeping_zero_keeps_every_model_and_a_failed_last_trial_still_ends_the_search()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { KeepModelsPerSearch = 0, MaxAttempts = 1 });
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 4);
        for (var i = 0; i < 3; i++)
        {
            var lease = (await queue.ClaimAsync("worker-a", default))!;
            Assert.True(await queue.CompleteAsync(lease, QueueTestData.Result with { TestAccuracy = 0.1 * i }, Model(i), default));
        }

        Assert.True(await queue.FailAsync((await queue.ClaimAsync("worker-a", default))!, "boom", default));

        Assert.Equal(3, await KeptCountAsync(db, searchId));
    }

    [Fact]
    public async Task A_completion_whose_lease_moved_on_keeps_no_model()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var stale = (await queue.ClaimAsync("worker-a", default))!;
        await QueueTestData.ExpireLeaseAsync(db, stale.TrialId);
        await queue.RescueExpiredAsync(default);
        var current = (await queue.ClaimAsync("worker-b", default))!;

        Assert.False(await queue.CompleteAsync(stale, QueueTestData.Result, Model(0), default));
        Assert.Equal(0, await KeptCountAsync(db, searchId));
        Assert.True(await queue.CompleteAsync(current, QueueTestData.Result, Model(1), default));
        Assert.Equal(1, await KeptCountAsync(db, searchId));
    }

    private static StoredModel Model(int n) => new(ModelState.Format, [(byte)n, 1, 2, 3]);

    private static async Task<int> KeptCountAsync(TestDatabase db, long searchId) => (await KeptAsync(db, searchId)).Count;

    private static async Task<List<long>> KeptAsync(TestDatabase db, long searchId)
    {
        await using var command = db.DataSource.CreateCommand(
            "SELECT m.trial_id FROM trial_models m JOIN trials t ON t.id = m.trial_id WHERE t.search_id = @id ORDER BY m.trial_id");
        command.Parameters.AddWithValue("id", searchId);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
