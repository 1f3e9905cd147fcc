using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>A search's limits through the queue: the claim-time check (maxTrials, time limit) and a stop
/// by a running trial (target, time limit), with the statuses and reasons each leaves.</summary>
public sealed class SearchStopTests
{
    private static async Task<string?> SearchStopReasonAsync(TestDatabase db, long searchId)
    {
        await using var command = db.DataSource.CreateCommand("SELECT stop_reason FROM searches WHERE id = @id");
        command.Parameters.AddWithValue("id", searchId);
        return await command.ExecuteScalarAsync() as string;
    }

    private static Task<long> CountAsync(TestDatabase db, long searchId, string condition) =>
        QueueTestData.CountAsync(db, "SELECT count(*) FROM trials WHERE search_id = @id AND " + condition, searchId);

    [Fact]
    public async Task MaxTrials_TheClaimOfTheLastAllowedTrial_StopsTheSearch_QueuedOnesEndCancelledForTheLimit_RunningOnesGoOn()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var search = await QueueTestData.EnqueueSearchAsync(db, queue, 4);
        var limits = new SearchStopLimits(MaxTrials: 2);

        await using var first = (await queue.ClaimAsync("w", default))!;
        Assert.False((await queue.CheckLimitsAtClaimAsync(first, limits, default)).Cancelled);
        Assert.Null(await SearchStopReasonAsync(db, search));
        await using var second = (await queue.ClaimAsync("w", default))!;
        Assert.False((await queue.CheckLimitsAtClaimAsync(second, limits, default)).Cancelled);

        Assert.Equal(SearchStopReason.MaxTrials, await SearchStopReasonAsync(db, search));
        Assert.Equal(2, await CountAsync(db, search, "status = 'cancelled' AND stop_reason = 'limit' AND started_at IS NULL"));
        Assert.Equal(HeartbeatOutcome.Renewed, await queue.HeartbeatAsync(first, default));
        Assert.Equal(HeartbeatOutcome.Renewed, await queue.HeartbeatAsync(second, default));
        Assert.Null(await queue.ClaimAsync("w", default));
    }

    [Fact]
    public async Task MaxTrials_OfTwoTrialsClaimedBeforeEitherCheck_PastTheLimit_OneIsCancelledBeforeItStarts_WithItsAttemptGivenBack()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var search = await QueueTestData.EnqueueSearchAsync(db, queue, 3);
        var limits = new SearchStopLimits(MaxTrials: 1);
        var leases = await QueueTestData.ClaimAsync(queue, "w", 2);

        var checks = new List<ClaimCheck>();
        foreach (var lease in leases)
        {
            checks.Add(await queue.CheckLimitsAtClaimAsync(lease, limits, default));
        }

        Assert.Equal([true, false], checks.Select(c => c.Cancelled));
        Assert.True(leases[0].IsSettled);
        Assert.Equal((0, "cancelled"), (await QueueTestData.TrialColumnAsync<int>(db, leases[0].TrialId, "attempts"), await QueueTestData.TrialColumnAsync<string>(db, leases[0].TrialId, "status")));
        Assert.Equal(1, await CountAsync(db, search, "started_at IS NOT NULL"));
        Assert.Equal(1, await CountAsync(db, search, "status = 'running'"));
        Assert.Equal(SearchStopReason.MaxTrials, await SearchStopReasonAsync(db, search));
        await leases[1].DisposeAsync();
    }

    [Fact]
    public async Task TimeLimit_AClaimPastIt_StopsTheSearch_CancelsItsTrial_AndAsksTheRunningOnesToStop()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var search = await QueueTestData.EnqueueSearchAsync(db, queue, 3);
        var limits = new SearchStopLimits(TimeLimitMinutes: 1);
        await using var first = (await queue.ClaimAsync("w", default))!;
        var check = await queue.CheckLimitsAtClaimAsync(first, limits, default);
        Assert.False(check.Cancelled);
        Assert.NotNull(check.Deadline);

        // Two minutes later, by the search's first claim.
        await QueueTestData.ExecuteAsync(db, "UPDATE trials SET started_at = started_at - interval '2 minutes' WHERE id = @id", first.TrialId);
        await using var late = (await queue.ClaimAsync("w", default))!;

        Assert.True((await queue.CheckLimitsAtClaimAsync(late, limits, default)).Cancelled);
        Assert.Equal(SearchStopReason.TimeLimit, await SearchStopReasonAsync(db, search));
        Assert.Equal(HeartbeatOutcome.StopRequested, await queue.HeartbeatAsync(first, default));
        Assert.Equal(2, await CountAsync(db, search, "status = 'cancelled' AND stop_reason = 'limit'"));
        Assert.True(await queue.CompleteAsync(first, QueueTestData.Result with { StopReason = StopReason.Limit }, model: null, default));
        Assert.Equal(1, await CountAsync(db, search, "status = 'succeeded' AND stop_reason = 'limit'"));
    }

    [Fact]
    public async Task StopSearch_ByATargetReached_StopsTheOtherRunningTrials_NotTheCallers_AndOnlyTheFirstLimitCounts()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var search = await QueueTestData.EnqueueSearchAsync(db, queue, 4);
        var leases = await QueueTestData.ClaimAsync(queue, "w", 2);

        Assert.True(await queue.StopSearchAsync(leases[0], SearchStopReason.TargetReached, default));
        Assert.False(await queue.StopSearchAsync(leases[1], SearchStopReason.TimeLimit, default));

        Assert.Equal(SearchStopReason.TargetReached, await SearchStopReasonAsync(db, search));
        Assert.Equal(HeartbeatOutcome.Renewed, await queue.HeartbeatAsync(leases[0], default));
        Assert.Equal(HeartbeatOutcome.StopRequested, await queue.HeartbeatAsync(leases[1], default));
        Assert.Equal(2, await CountAsync(db, search, "status = 'cancelled' AND stop_reason = 'limit'"));
        // Handed back rather than finished, a stopped trial ends cancelled: it is never claimed again.
        Assert.True(await queue.ReleaseAsync(leases[1], default));
        Assert.Equal("cancelled", await QueueTestData.TrialColumnAsync<string>(db, leases[1].TrialId, "status"));
        Assert.Null(await queue.ClaimAsync("w", default));
        await leases[0].DisposeAsync();
    }

    [Fact]
    public async Task StopSearch_OfACancelledSearch_OrWithALostLease_ChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var search = await QueueTestData.EnqueueSearchAsync(db, queue, 3);
        await using var lease = (await queue.ClaimAsync("w", default))!;
        await QueueTestData.ExpireLeaseAsync(db, lease.TrialId);
        await queue.RescueExpiredAsync(default);

        Assert.False(await queue.StopSearchAsync(lease, SearchStopReason.TargetReached, default));
        Assert.Equal(0, await CountAsync(db, search, "status = 'cancelled'"));

        await using var next = (await queue.ClaimAsync("w", default))!;
        await queue.CancelSearchAsync(search, default);
        Assert.False(await queue.StopSearchAsync(next, SearchStopReason.TargetReached, default));
        Assert.Null(await SearchStopReasonAsync(db, search));
    }

    [Fact]
    public async Task EpochStanding_HoldsTheOtherTrialsValuesAtThatEpoch_OfThatSearchOnly()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 3);
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var leases = await QueueTestData.ClaimAsync(queue, "w", 4);
        double[] accuracies = [0.5, 0.7, 0.9, 0.95];
        for (var i = 0; i < leases.Count; i++)
        {
            var epoch = QueueTestData.Epoch(1, 0.3);
            epoch.ValAccuracy = accuracies[i];
            await queue.RecordEpochAsync(leases[i], epoch, checkpoint: null, default);
            epoch.Number = 2;
            epoch.ValAccuracy = accuracies[i] / 2;
            await queue.RecordEpochAsync(leases[i], epoch, checkpoint: null, default);
        }

        var standing = await new EpochStandingQuery(db.DataSource).EpochStandingAsync(leases[0], 1, EpochMetric.ValAccuracy, default);
        var byLoss = await new EpochStandingQuery(db.DataSource).EpochStandingAsync(leases[0], 2, EpochMetric.ValLoss, default);

        Assert.Equal([0.7, 0.9], standing.Others.Order());
        Assert.Equal([0.4, 0.4], byLoss.Others);
        Assert.InRange(standing.Now, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        foreach (var lease in leases)
        {
            await lease.DisposeAsync();
        }
    }
}
