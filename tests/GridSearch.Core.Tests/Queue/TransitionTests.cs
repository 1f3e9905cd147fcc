using GridSearch.Core.Queue;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>
/// Drives every transition of the trial's state machine (the table in <see cref="TrialQueue"/>'s
/// comment) through the real queue, one trial on a database of its own per row, and checks every column
/// the table speaks of; then every call the queue must refuse, which must change nothing at all.
/// </summary>
public sealed class TransitionTests
{
    // Two attempts, so a first failure requeues and a second one fails for good; a long backoff, so a
    // requeued trial visibly waits.
    private static readonly QueueOptions Options = new()
    {
        MaxAttempts = 2,
        LeaseDuration = TimeSpan.FromSeconds(30),
        RetryBackoff = TimeSpan.FromMinutes(10),
        MaxRetryBackoff = TimeSpan.FromHours(1),
    };

    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, QueueTransition> Table = new()
    {
        // Keys are short, since test runners cut a theory's argument at 50 characters. Each row: the state
        // it starts from, the call, what it returns, then status, attempts, lease_token and lease_expires_at,
        // available_at, finished_at, error, cancel_requested afterwards.
        ["claim: queued → running, attempt +1, new lease"] =
            new(s => s.QueuedAsync(), Claim, true, "running", 1, LeaseChange.Claimed, TimeChange.Kept, TimeChange.Null, null, false),
        ["claim of a retry: attempt 2, earlier error kept"] =
            new(s => s.RetriedAsync(), Claim, true, "running", 2, LeaseChange.Claimed, TimeChange.Kept, TimeChange.Null, "out of memory", false),
        ["heartbeat: stays running, lease extended"] =
            new(Expired(s => s.RunningAsync()), Heartbeat, HeartbeatOutcome.Renewed, "running", 1, LeaseChange.Renewed, TimeChange.Kept, TimeChange.Null, null, false),
        ["heartbeat after cancel: lease extended, stop"] =
            new(Expired(CancelRequested(s => s.RunningAsync())), Heartbeat, HeartbeatOutcome.CancelRequested, "running", 1, LeaseChange.Renewed, TimeChange.Kept, TimeChange.Null, null, true),
        ["epoch: stays running, lease extended"] =
            new(Expired(s => s.RunningAsync()), RecordEpoch, true, "running", 1, LeaseChange.Renewed, TimeChange.Kept, TimeChange.Null, null, false),
        ["complete: → succeeded, earlier error cleared"] =
            new(s => s.RunningAgainAsync(), Complete, true, "succeeded", 2, LeaseChange.None, TimeChange.Kept, TimeChange.Now, null, false),
        ["fail, attempts left: → queued after backoff"] =
            new(s => s.RunningAsync(), Fail, true, "queued", 1, LeaseChange.None, TimeChange.AfterBackoff, TimeChange.Null, "diverged", false),
        ["fail, last attempt: → failed with the error"] =
            new(s => s.RunningAgainAsync(), Fail, true, "failed", 2, LeaseChange.None, TimeChange.Kept, TimeChange.Now, "diverged", false),
        ["fail after cancel: → cancelled, attempt kept"] =
            new(CancelRequested(s => s.RunningAsync()), Fail, true, "cancelled", 1, LeaseChange.None, TimeChange.Kept, TimeChange.Now, "diverged", true),
        ["confirm cancelled: → cancelled, attempt kept"] =
            new(CancelRequested(s => s.RunningAsync()), ConfirmCancelled, true, "cancelled", 1, LeaseChange.None, TimeChange.Kept, TimeChange.Now, null, true),
        ["release: → queued in its place, attempt back"] =
            new(s => s.RunningAgainAsync(), Release, true, "queued", 1, LeaseChange.None, TimeChange.Kept, TimeChange.Null, "out of memory", false),
        ["release after cancel: → cancelled, attempt kept"] =
            new(CancelRequested(s => s.RunningAsync()), Release, true, "cancelled", 1, LeaseChange.None, TimeChange.Kept, TimeChange.Now, null, true),
        ["dispose: → queued in its place, attempt back"] =
            new(s => s.RunningAsync(), DisposeLease, true, "queued", 0, LeaseChange.None, TimeChange.Kept, TimeChange.Null, null, false),
        ["dispose after cancel: → cancelled, attempt kept"] =
            new(CancelRequested(s => s.RunningAsync()), DisposeLease, true, "cancelled", 1, LeaseChange.None, TimeChange.Kept, TimeChange.Now, null, true),
        ["rescue, attempts left: → queued in its place"] =
            new(Expired(s => s.RunningAsync()), Rescue, 1, "queued", 1, LeaseChange.None, TimeChange.Kept, TimeChange.Null, "lease expired: worker worker-a stopped renewing attempt 1 of 2", false),
        ["rescue, last attempt: → failed"] =
            new(Expired(s => s.RunningAgainAsync()), Rescue, 1, "failed", 2, LeaseChange.None, TimeChange.Kept, TimeChange.Now, "lease expired: worker worker-a stopped renewing attempt 2 of 2", false),
        ["rescue after cancel: → cancelled, error kept"] =
            new(Expired(CancelRequested(s => s.RunningAgainAsync())), Rescue, 1, "cancelled", 2, LeaseChange.None, TimeChange.Kept, TimeChange.Now, "out of memory", true),
        ["cancel of a queued trial: → cancelled at once"] =
            new(s => s.QueuedAsync(), Cancel, 1, "cancelled", 0, LeaseChange.None, TimeChange.Kept, TimeChange.Now, null, true),
        ["cancel of a running trial: asked to stop"] =
            new(s => s.RunningAsync(), Cancel, 1, "running", 1, LeaseChange.Kept, TimeChange.Kept, TimeChange.Null, null, true),
    };

    // A stale token is the one a trial ran under before it was rescued and claimed again; a wrong one it never had.
    private static readonly Dictionary<string, QueueRefusal> Refusals = new()
    {
        ["complete with a stale token"] = new(s => s.RunningUnderANewLeaseAsync(), s => Stale(s, Complete), false),
        ["heartbeat with a stale token"] = new(s => s.RunningUnderANewLeaseAsync(), s => Stale(s, Heartbeat), HeartbeatOutcome.LeaseLost),
        ["epoch with a stale token"] = new(s => s.RunningUnderANewLeaseAsync(), s => Stale(s, RecordEpoch), false),
        ["fail with a stale token"] = new(s => s.RunningUnderANewLeaseAsync(), s => Stale(s, Fail), false),
        ["release with a stale token"] = new(s => s.RunningUnderANewLeaseAsync(), s => Stale(s, Release), false),
        ["disposing a stale lease"] = new(s => s.RunningUnderANewLeaseAsync(), s => Stale(s, DisposeLease), false),
        ["confirm cancelled with a stale token"] = new(CancelRequested(s => s.RunningUnderANewLeaseAsync()), s => Stale(s, ConfirmCancelled), false),
        ["complete with a wrong token"] = new(s => s.RunningAsync(), s => Forged(s, Complete), false),
        ["heartbeat with a wrong token"] = new(s => s.RunningAsync(), s => Forged(s, Heartbeat), HeartbeatOutcome.LeaseLost),
        ["epoch with a wrong token"] = new(s => s.RunningAsync(), s => Forged(s, RecordEpoch), false),
        ["fail with a wrong token"] = new(s => s.RunningAsync(), s => Forged(s, Fail), false),
        ["release with a wrong token"] = new(s => s.RunningAsync(), s => Forged(s, Release), false),
        ["complete a second time"] = new(s => s.SucceededAsync(), Complete, false),
        ["fail a succeeded trial"] = new(s => s.SucceededAsync(), Fail, false),
        ["release a succeeded trial"] = new(s => s.SucceededAsync(), Release, false),
        ["heartbeat of a succeeded trial"] = new(s => s.SucceededAsync(), Heartbeat, HeartbeatOutcome.LeaseLost),
        ["claim a succeeded trial"] = new(s => s.SucceededAsync(), Claim, false),
        ["claim a failed trial"] = new(s => s.FailedAsync(), Claim, false),
        ["claim a cancelled trial"] = new(s => s.CancelledAsync(), Claim, false),
        ["claim a trial waiting out its backoff"] = new(async s => { await s.RunningAsync(); await s.Queue.FailAsync(s.Held, "out of memory", default); }, Claim, false),
        ["rescue of a lease that has not expired"] = new(s => s.RunningAsync(), Rescue, 0),
        ["cancel of a succeeded trial"] = new(s => s.SucceededAsync(), Cancel, 0),
        ["cancel of a failed trial"] = new(s => s.FailedAsync(), Cancel, 0),
    };

    public static TheoryData<string> Transitions() => [.. Table.Keys];

    public static TheoryData<string> RefusedCalls() => [.. Refusals.Keys];

    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task EachTransition_ChangesTheTrialAsTheTableSays(string transition)
    {
        var row = Table[transition];
        await using var db = await TestDatabase.CreateAsync();
        var scenario = new Scenario(db, new TrialQueue(db.DataSource, Options));
        await row.Arrange(scenario);
        var before = await TrialRow.ReadAsync(db, scenario.TrialId);

        Assert.Equal(row.Returns, await row.Act(scenario));

        var after = await TrialRow.ReadAsync(db, scenario.TrialId);
        Assert.Equal(row.Status, after.Status);
        Assert.Equal(row.Attempts, after.Attempts);
        Assert.Equal(row.Error, after.Error);
        Assert.Equal(row.CancelRequested, after.CancelRequested);
        AssertLease(row.Lease, before, after, scenario);
        AssertTime(row.AvailableAt, before.AvailableAt, after.AvailableAt, after);
        AssertTime(row.FinishedAt, before.FinishedAt, after.FinishedAt, after);
    }

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public async Task RefusedCall_ChangesNothing(string call)
    {
        var row = Refusals[call];
        await using var db = await TestDatabase.CreateAsync();
        var scenario = new Scenario(db, new TrialQueue(db.DataSource, Options));
        await row.Arrange(scenario);
        var before = await TrialRow.ReadAsync(db, scenario.TrialId);

        Assert.Equal(row.Returns, await row.Act(scenario));

        var after = await TrialRow.ReadAsync(db, scenario.TrialId);
        Assert.Equal(before with { Now = after.Now }, after);
    }

    private static void AssertLease(LeaseChange change, TrialRow before, TrialRow after, Scenario scenario)
    {
        switch (change)
        {
            case LeaseChange.None:
                Assert.Null(after.LeaseToken);
                Assert.Null(after.LeaseExpiresAt);
                break;
            case LeaseChange.Claimed:
                Assert.Equal(scenario.Held.Token, after.LeaseToken);
                Assert.NotEqual(before.LeaseToken, after.LeaseToken);
                AssertAbout(after.Now + Options.LeaseDuration, after.LeaseExpiresAt);
                break;
            case LeaseChange.Renewed:
                Assert.Equal(before.LeaseToken, after.LeaseToken);
                Assert.True(before.LeaseExpiresAt < before.Now, "the arrangement should have let the lease run out");
                AssertAbout(after.Now + Options.LeaseDuration, after.LeaseExpiresAt);
                break;
            case LeaseChange.Kept:
                Assert.NotNull(after.LeaseToken);
                Assert.Equal(before.LeaseToken, after.LeaseToken);
                Assert.Equal(before.LeaseExpiresAt, after.LeaseExpiresAt);
                break;
        }
    }

    private static void AssertTime(TimeChange change, DateTime? before, DateTime? after, TrialRow row)
    {
        switch (change)
        {
            case TimeChange.Null:
                Assert.Null(after);
                break;
            case TimeChange.Kept:
                Assert.Equal(before, after);
                break;
            case TimeChange.Now:
                Assert.True(before is null || before < row.Now - TimeSpan.FromMinutes(1), "the arrangement should have set it back");
                AssertAbout(row.Now, after);
                break;
            case TimeChange.AfterBackoff:
                AssertAbout(row.Now + Options.BackoffAfter(row.Attempts), after);
                break;
        }
    }

    // The transition's now() is a moment before the reading's.
    private static void AssertAbout(DateTime expected, DateTime? actual)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, expected - Slack, expected);
    }

    private static Func<Scenario, Task> CancelRequested(Func<Scenario, Task> arrange) => async s =>
    {
        await arrange(s);
        await s.RequestCancelAsync();
    };

    private static Func<Scenario, Task> Expired(Func<Scenario, Task> arrange) => async s =>
    {
        await arrange(s);
        await s.ExpireLeaseAsync();
    };

    private static async Task<object> Claim(Scenario s) => await s.ClaimAsync();

    private static Task<object> Heartbeat(Scenario s) => Heartbeat(s, s.Held);

    private static async Task<object> Heartbeat(Scenario s, TrialLease lease) => await s.Queue.HeartbeatAsync(lease, default);

    private static Task<object> RecordEpoch(Scenario s) => RecordEpoch(s, s.Held);

    private static async Task<object> RecordEpoch(Scenario s, TrialLease lease) =>
        await s.Queue.RecordEpochAsync(lease, QueueTestData.Epoch(1, trainLoss: 1), checkpoint: null, default);

    private static Task<object> Complete(Scenario s) => Complete(s, s.Held);

    private static async Task<object> Complete(Scenario s, TrialLease lease) => await s.Queue.CompleteAsync(lease, QueueTestData.Result, model: null, default);

    private static Task<object> Fail(Scenario s) => Fail(s, s.Held);

    private static async Task<object> Fail(Scenario s, TrialLease lease) => await s.Queue.FailAsync(lease, "diverged", default);

    private static Task<object> ConfirmCancelled(Scenario s) => ConfirmCancelled(s, s.Held);

    private static async Task<object> ConfirmCancelled(Scenario s, TrialLease lease) => await s.Queue.ConfirmCancelledAsync(lease, default);

    private static Task<object> Release(Scenario s) => Release(s, s.Held);

    private static async Task<object> Release(Scenario s, TrialLease lease) => await s.Queue.ReleaseAsync(lease, default);

    private static Task<object> DisposeLease(Scenario s) => DisposeLease(s, s.Held);

    // Returns whether the disposal handed the trial back.
    private static async Task<object> DisposeLease(Scenario s, TrialLease lease)
    {
        await lease.DisposeAsync();
        return await lease.HandBackAsync();
    }

    private static async Task<object> Rescue(Scenario s) => await s.Queue.RescueExpiredAsync(default);

    private static async Task<object> Cancel(Scenario s) => await s.Queue.CancelSearchAsync(s.SearchId, default);

    private static Task<object> Stale(Scenario s, Func<Scenario, TrialLease, Task<object>> act) =>
        act(s, s.StaleLease ?? throw new InvalidOperationException("The trial was never rescued."));

    private static Task<object> Forged(Scenario s, Func<Scenario, TrialLease, Task<object>> act) => act(s, s.Forged());
}
