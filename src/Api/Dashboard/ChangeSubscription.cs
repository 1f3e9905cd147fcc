using System.Threading.Channels;

namespace GridSearch.Api.Dashboard;

/// <summary>
/// One event stream's interest in changes: of one search, or of any (the searches list). Signals coalesce
/// in a one-slot channel: however many arrive while the stream reads, it wakes once afterwards, and a
/// signal that arrives during a read is never lost, because the stream takes the slot when it wakes,
/// before it reads.
/// </summary>
public sealed class ChangeSubscription : IDisposable
{
    private readonly SearchChangeHub hub;
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

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
        if (wake.Reader.TryRead(out _))
        {
            return true;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await wake.Reader.WaitToReadAsync(timer.Token);
            return wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Called from the listener's notification callback: never blocks, never throws; a signal
    /// already waiting absorbs this one.</summary>
    internal void Signal() => wake.Writer.TryWrite(true);

    public void Dispose() => hub.Remove(this);
}
