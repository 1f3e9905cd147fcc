namespace GridSearch.Api.Snapshots;

/// <summary>
/// Whether the API hears the queue's change notifications now, and since when: <see cref="Epoch"/> moves on
/// each time the listener comes up or goes down, so a read taken while it was up is known to have been
/// covered by notifications ever since exactly when the epoch is still the same and it is still up.
/// </summary>
public sealed class ListenerState
{
    private long epoch;
    private volatile bool listening;

    public bool IsListening => listening;

    public long Epoch => Interlocked.Read(ref epoch);

    internal void Set(bool value)
    {
        listening = value;
        Interlocked.Increment(ref epoch);
    }
}
