using System.Collections.Concurrent;
using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>Claims of many trials in one statement, and completions recorded together with the next claim:
/// each trial keeps a lease of its own, and each completion is fenced by its own.</summary>
public sealed class BatchClaimTests
{
    [Fact]
    public async Task Claim_many_leases_each_trial_under_a_token_of_its_own()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 3);

        var leases = await queue.ClaimManyAsync("worker-a", 5, default);

        Assert.Equal(["hash-0", "hash-1", "hash-2"], leases.Select(l => l.ConfigHash));
        Assert.Equal(3, leases.Select(l => l.Token).Distinct().Count());
        foreach (var lease in leases)
        {
            Assert.Equal(searchId, lease.SearchId);
            Assert.Equal(1, lease.Attempt);
            Assert.Equal(lease.Token, await QueueTestData.TrialColumnAsync<Guid>(db, lease.TrialId, "lease_token"));
            Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "status"));
            Assert.Equal("worker-a", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "worker"));
        }

        Assert.Empty(await queue.ClaimManyAsync("worker-a", 5, default));
    }

    [Fact]
    public async Task A_trial_of_a_claimed_batch_is_rescued_on_its_own_when_its_lease_runs_out()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 2);
        var leases = await queue.ClaimManyAsync("worker-a", 2, default);

        await QueueTestData.ExpireLeaseAsync(db, leases[1].TrialId);

        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        Assert.Equal(HeartbeatOutcome.Renewed, await queue.HeartbeatAsync(leases[0], default));
        Assert.Equal(HeartbeatOutcome.LeaseLost, await queue.HeartbeatAsync(leases[1], default));
        Assert.Equal("queued", await QueueTestData.TrialColumnAsync<string>(db, leases[1].TrialId, "status"));
    }

    [Fact]
    public async Task Complete_and_claim_next_records_the_result_and_leases_the_next_trial()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 2);
        var first = (await queue.ClaimAsync("worker-a", default))!;

        var outcome = await queue.CompleteAndClaimNextAsync(first, QueueTestData.Result, "worker-a", default);

        Assert.True(outcome.Recorded);
        Assert.True(first.IsSettled);
        Assert.Equal("succeeded", await QueueTestData.TrialColumnAsync<string>(db, first.TrialId, "status"));
        Assert.Equal(0.91, await QueueTestData.TrialColumnAsync<double>(db, first.TrialId, "test_accuracy"));
        Assert.Equal(0.3, await QueueTestData.TrialColumnAsync<double>(db, first.TrialId, "val_loss"));
        Assert.Equal(45, await QueueTestData.TrialColumnAsync<int>(db, first.TrialId, "(confusion_matrix -> 1 ->> 1)::int"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, first.TrialId, "finished_at IS NOT NULL AND lease_token IS NULL AND lease_expires_at IS NULL"));
        var next = Assert.IsType<TrialLease>(outcome.Next);
        Assert.Equal("hash-1", next.ConfigHash);
        Assert.Equal(next.Token, await QueueTestData.TrialColumnAsync<Guid>(db, next.TrialId, "lease_token"));
        Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, next.TrialId, "status"));

        var last = await queue.CompleteAndClaimNextAsync(next, QueueTestData.Result, "worker-a", default);

        Assert.True(last.Recorded);
        Assert.Null(last.Next);
    }

    [Fact]
    public async Task Complete_and_claim_next_with_a_lost_lease_records_nothing_but_still_claims()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var stale = (await queue.ClaimAsync("worker-old", default))!;
        await QueueTestData.ExpireLeaseAsync(db, stale.TrialId);
        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        var current = (await queue.ClaimAsync("worker-new", default))!;
        Assert.Equal(stale.TrialId, current.TrialId);
        var other = await QueueTestData.EnqueueSearchAsync(db, queue, 1);

        var outcome = await queue.CompleteAndClaimNextAsync(stale, QueueTestData.Result with { TestAccuracy = 0.1 }, "worker-old", default);

        Assert.False(outcome.Recorded);
        Assert.True(stale.IsSettled);
        Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, current.TrialId, "status"));
        Assert.Equal(current.Token, await QueueTestData.TrialColumnAsync<Guid>(db, current.TrialId, "lease_token"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, current.TrialId, "test_accuracy IS NULL AND finished_at IS NULL"));
        Assert.Equal(other, outcome.Next?.SearchId);
    }

    [Fact]
    public async Task A_batch_of_completions_records_each_whose_lease_holds_and_refuses_only_the_stale_one()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 3);
        var leases = await queue.ClaimManyAsync("worker-a", 3, default);
        await QueueTestData.ExpireLeaseAsync(db, leases[1].TrialId);
        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        var current = (await queue.ClaimAsync("worker-b", default))!;
        Assert.Equal(leases[1].TrialId, current.TrialId);

        var outcome = await queue.CompleteAndClaimAsync(
            [.. leases.Select(l => new TrialCompletion(l, QueueTestData.Result))], "worker-a", 0, default);

        Assert.Equal([true, false, true], outcome.Recorded);
        Assert.Empty(outcome.Claimed);
        Assert.All(leases, l => Assert.True(l.IsSettled));
        Assert.Equal("succeeded", await QueueTestData.TrialColumnAsync<string>(db, leases[0].TrialId, "status"));
        Assert.Equal("succeeded", await QueueTestData.TrialColumnAsync<string>(db, leases[2].TrialId, "status"));
        Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, current.TrialId, "status"));
        Assert.Equal(current.Token, await QueueTestData.TrialColumnAsync<Guid>(db, current.TrialId, "lease_token"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, current.TrialId, "test_accuracy IS NULL"));
        Assert.True(await queue.CompleteAsync(current, QueueTestData.Result with { TestAccuracy = 0.5 }, default));
        Assert.Equal(0.5, await QueueTestData.TrialColumnAsync<double>(db, current.TrialId, "test_accuracy"));
    }

    [Fact]
    public async Task Completing_a_trial_twice_in_one_batch_is_refused_before_it_reaches_the_database()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var lease = (await queue.ClaimAsync("worker-a", default))!;

        await Assert.ThrowsAsync<ArgumentException>(() => queue.CompleteAndClaimAsync(
            [new TrialCompletion(lease, QueueTestData.Result), new TrialCompletion(lease, QueueTestData.Result)], "worker-a", 0, default));

        Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "status"));
        Assert.False(lease.IsSettled);
    }

    [Fact]
    public async Task Eight_batch_claimers_complete_each_of_1000_trials_exactly_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 1000);
        var completed = new ConcurrentBag<long>();

        var claimers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var worker = "worker-" + n;
            var held = await queue.ClaimManyAsync(worker, 10, default);
            while (held.Count > 0)
            {
                var outcome = await queue.CompleteAndClaimAsync([.. held.Select(l => new TrialCompletion(l, QueueTestData.Result))], worker, 10, default);
                Assert.All(outcome.Recorded, Assert.True);
                foreach (var lease in held)
                {
                    completed.Add(lease.TrialId);
                }

                held = outcome.Claimed;
            }
        }));
        await Task.WhenAll(claimers);

        Assert.Equal(1000, completed.Count);
        Assert.Equal(1000, completed.Distinct().Count());
        Assert.Equal(1000, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'succeeded' AND attempts = 1", searchId));
    }
}
