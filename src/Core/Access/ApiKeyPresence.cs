namespace GridSearch.Core.Access;

/// <summary>
/// Whether any key exists, asked on every request, so cached: once true it stays true (keys are never
/// deleted); while false it is asked again after <see cref="RecheckAfter"/>, so a key created through
/// another API instance locks this one within seconds. One request asks at a time: the others that come
/// while it does keep the answer from before (a few milliseconds more of it), rather than every request of
/// a busy API asking the database at once each time the answer turns five seconds old.
/// </summary>
public sealed class ApiKeyPresence(TimeProvider time)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    private const long Never = long.MinValue;

    private volatile bool exists;
    private long checkedAt = Never;
    private int checking;

    public async ValueTask<bool> AnyAsync(Func<CancellationToken, Task<bool>> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var last = Interlocked.Read(ref checkedAt);
        if (exists || (last != Never && time.GetUtcNow().UtcTicks - last < RecheckAfter.Ticks))
        {
            return exists;
        }

        // The first answer is waited for by everyone who needs it; a recheck by the one who starts it.
        var mine = Interlocked.CompareExchange(ref checking, 1, 0) == 0;
        if (!mine && last != Never)
        {
            return exists;
        }

        try
        {
            var found = await query(cancellationToken);
            Interlocked.Exchange(ref checkedAt, time.GetUtcNow().UtcTicks);
            exists |= found;
            return exists;
        }
        finally
        {
            if (mine)
            {
                Volatile.Write(ref checking, 0);
            }
        }
    }

    public void MarkExists() => exists = true;
}
