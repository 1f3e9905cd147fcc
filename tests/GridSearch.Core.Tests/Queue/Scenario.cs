using GridSearch.Core.Queue;
using GridSearch.Domain.Definition;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

/// <summary>
/// One trial of its own search, brought to a state through the real queue, and the lease it runs under.
/// Its times are set an hour back, so a transition that stamps now() is told apart from one that keeps them.
/// </summary>
internal sealed class Scenario(TestDatabase db, TrialQueue queue)
{
    public const string Worker = "worker-a";

    public TestDatabase Db => db;
    public TrialQueue Queue => queue;
    public long SearchId { get; private set; }
    public long TrialId { get; private set; }

    /// <summary>The lease the trial runs under, or ran under last.</summary>
    public TrialLease? Lease { get; private set; }

    /// <summary>A lease the trial ran under before it was rescued and claimed again.</summary>
    public TrialLease? StaleLease { get; private set; }

    public TrialLease Held => Lease ?? throw new InvalidOperationException("The trial was never claimed.");

    /// <summary>Queued, never run.</summary>
    public async Task QueuedAsync()
    {
        SearchId = await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        TrialId = await QueueTestData.CountAsync(db, "SELECT id FROM trials WHERE search_id = @id", SearchId);
        await QueueTestData.ExecuteAsync(db, "UPDATE trials SET available_at = now() - interval '1 hour' WHERE id = @id", TrialId);
    }

    /// <summary>Running its first attempt.</summary>
    public async Task RunningAsync()
    {
        await QueuedAsync();
        Assert.True(await ClaimAsync());
    }

    /// <summary>Queued again, available now, after its first attempt failed with "out of memory".</summary>
    public async Task RetriedAsync()
    {
        await RunningAsync();
        Assert.True(await queue.FailAsync(Held, "out of memory", default));
        await QueueTestData.ExecuteAsync(db, "UPDATE trials SET available_at = now() - interval '1 hour' WHERE id = @id", TrialId);
    }

    /// <summary>Running its second, and last, attempt; the first one's error is still on the row.</summary>
    public async Task RunningAgainAsync()
    {
        await RetriedAsync();
        Assert.True(await ClaimAsync());
    }

    /// <summary>Running under a new lease after the first one expired and was rescued.</summary>
    public async Task RunningUnderANewLeaseAsync()
    {
        await RunningAsync();
        StaleLease = Held;
        await ExpireLeaseAsync();
        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        Assert.True(await ClaimAsync());
    }

    public async Task SucceededAsync()
    {
        await RunningAsync();
        Assert.True(await queue.CompleteAsync(Held, QueueTestData.Result, model: null, default));
    }

    public async Task FailedAsync()
    {
        await RunningAgainAsync();
        Assert.True(await queue.FailAsync(Held, "out of memory again", default));
    }

    public async Task CancelledAsync()
    {
        await QueuedAsync();
        Assert.Equal(1, await queue.CancelSearchAsync(SearchId, default));
    }

    public async Task RequestCancelAsync() => Assert.Equal(1, await queue.CancelSearchAsync(SearchId, default));

    public Task ExpireLeaseAsync() => QueueTestData.ExpireLeaseAsync(db, TrialId);

    /// <summary>Claims as <see cref="Worker"/>; true when it got this scenario's trial.</summary>
    public async Task<bool> ClaimAsync()
    {
        var claimed = await queue.ClaimAsync(Worker, default);
        if (claimed is null)
        {
            return false;
        }

        Assert.Equal(TrialId, claimed.TrialId);
        Lease = claimed;
        return true;
    }

    /// <summary>A lease for this trial with a token it never had.</summary>
    public TrialLease Forged() =>
        new(queue) { TrialId = TrialId, SearchId = SearchId, Token = Guid.NewGuid(), Attempt = 1, ConfigJson = "{}", ConfigHash = "hash-0", Rules = SearchRules.None };
}
