namespace GridSearch.Api.Dashboard;

/// <summary>
/// One event stream's interest in changes: of one search, or of any (the searches list). Signals coalesce:
/// however many arrive while the stream reads, it wakes once afterwards, and a signal that arrives during
/// a read is never lost, because the flag is cleared when the stream wakes, before it reads.
/// </summary>
public sealed class ChangeSubscription : IDisposable
{
    private readonly SearchChangeHub hub;
    private readonly SemaphoreSlim wake = new(0, 1);
    private int pending;

    internal ChangeSubscription(SearchChangeHub hub, long? searchId)
    {
        this.hub = hub;
        SearchId = searchId;
    }

    /// <summary>The search followed, or null for every search.</summary>
    public long? SearchId { get; }

    /// <summary>True when changes are heard as they happen; false while the listener is down or off,
    /// when a stream should poll instead.</summary>
    public bool IsLive => hub.IsListening;

    /// <summary>Waits until the followed search changes (true) or the timeout passes (false).</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signalled = await wake.WaitAsync(timeout, cancellationToken);
        Interlocked.Exchange(ref pending, 0);
        return signalled;
    }

    internal void Signal()
    {
        if (Interlocked.Exchange(ref pending, 1) == 0)
        {
            wake.Release();
        }
    }

    // The semaphore is not disposed: the listener may still be signalling this subscription as it goes,
    // and a SemaphoreSlim whose wait handle was never asked for holds nothing that needs it.
    public void Dispose() => hub.Remove(this);
}
