using System.Diagnostics;

namespace GridSearch.Api.Snapshots;

/// <summary>
/// One value read from the database on behalf of every caller that wants it (a search's status, its trials, a
/// leaderboard): callers that arrive while a read runs share it, so however many ask, one read runs at a time.
/// A value is handed out again without a read
/// <list type="bullet">
/// <item>while it is clean: read while the change listener was up, which has stayed up since, no change of
/// its search heard since the read began (<see cref="Invalidate"/>), and younger than the safety age (a
/// notification lost to a reconnect is covered by <see cref="ListenerState"/>, this bounds the rest);</item>
/// <item>or, while no notifications are heard, when the caller accepts it as old as it is (<c>staleness</c>):
/// an event stream that polls then takes what was read within its poll interval.</item>
/// </list>
/// Otherwise the caller waits for a read that began after it arrived (or after the change), so a request never
/// gets a value older than itself unless notifications vouch for it. Reads run on the API's lifetime, not a
/// caller's: one caller going away does not cancel the read the others wait on. A failed read is not kept: its
/// callers get its exception, the next caller reads again.
/// </summary>
/// <typeparam name="T">What is read; a read may return null (the search is gone).</typeparam>
internal sealed class SharedRead<T>(Func<T?, CancellationToken, Task<T>> read, ListenerState listener, TimeSpan safetyAge, Action counted, CancellationToken lifetime)
{
    private readonly Lock gate = new();
    private long changes;
    private Attempt? latest;
    private Attempt? reading;
    private long lastUsed = Stopwatch.GetTimestamp();
    private int followers;

    /// <summary>A change of what this reads was heard: the next caller reads again.</summary>
    public void Invalidate() => Interlocked.Increment(ref changes);

    /// <summary>How long since a caller last asked; an entry nobody follows is dropped after a while.</summary>
    public TimeSpan Idle => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastUsed));

    /// <summary>Streams that follow this value: it is kept while any does.</summary>
    public bool IsFollowed => Volatile.Read(ref followers) > 0;

    public bool IsReading
    {
        get
        {
            lock (gate)
            {
                return reading is not null;
            }
        }
    }

    public void Touch() => Interlocked.Exchange(ref lastUsed, Stopwatch.GetTimestamp());

    public void Follow() => Interlocked.Increment(ref followers);

    public void Unfollow() => Interlocked.Decrement(ref followers);

    /// <param name="staleness">How old a value the caller takes when notifications cannot vouch for it:
    /// zero for a request (only a read that began after it arrived), a poll interval for an event stream.</param>
    /// <param name="spacing">The least time between the starts of two reads this caller would start: an event
    /// stream's, so a search that changes many times a second is read once a second for all its streams (a
    /// request starts one at once: it waits on it).</param>
    public async Task<T> GetAsync(TimeSpan staleness, TimeSpan spacing, CancellationToken cancellationToken)
    {
        var arrival = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref lastUsed, arrival);
        while (true)
        {
            Task<T> pending;
            bool acceptable;
            var early = TimeSpan.Zero;
            lock (gate)
            {
                if (latest is { } done && Acceptable(done, arrival, staleness))
                {
                    return done.Value!;
                }

                if (reading is null && latest is { } last)
                {
                    early = spacing - Stopwatch.GetElapsedTime(last.StartedAt);
                }

                if (early <= TimeSpan.Zero)
                {
                    reading ??= Start(latest);
                }

                pending = reading?.Task ?? Task.FromResult(default(T)!);
                acceptable = reading is not null && Acceptable(reading, arrival, staleness);
            }

            if (early > TimeSpan.Zero)
            {
                // Too soon after the last read: start the next once the spacing has passed (unless a request, or
                // another stream that waited, starts it first; then this one joins it).
                await Task.Delay(early, cancellationToken);
                continue;
            }

            if (acceptable)
            {
                return await pending.WaitAsync(cancellationToken);
            }

            // Began before this caller and changes came since: wait it out (one read at a time), then read anew.
            await ((Task)pending).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private bool Acceptable(Attempt attempt, long arrival, TimeSpan staleness)
    {
        if (attempt.StartedAt >= arrival)
        {
            return true;
        }

        if (!listener.IsListening)
        {
            return attempt.StartedAt >= arrival - (long)(staleness.TotalSeconds * Stopwatch.Frequency);
        }

        return attempt.Changes == Interlocked.Read(ref changes)
            && attempt.ListenerEpoch == listener.Epoch
            && Stopwatch.GetElapsedTime(attempt.StartedAt) <= safetyAge;
    }

    // Under the gate. What counts as "when the read began" is taken before it runs, so a change heard while it
    // runs marks it dirty.
    private Attempt Start(Attempt? previous)
    {
        var attempt = new Attempt(Interlocked.Read(ref changes), listener.Epoch, Stopwatch.GetTimestamp());
        counted();
        attempt.Task = Task.Run(() => RunAsync(attempt, previous is null ? default : previous.Value), CancellationToken.None);
        return attempt;
    }

    private async Task<T> RunAsync(Attempt attempt, T? previous)
    {
        try
        {
            var value = await read(previous, lifetime);
            attempt.Value = value;
            lock (gate)
            {
                latest = attempt;
                reading = null;
            }

            return value;
        }
        catch
        {
            lock (gate)
            {
                reading = null;
            }

            throw;
        }
    }

    private sealed class Attempt(long changes, long listenerEpoch, long startedAt)
    {
        public long Changes { get; } = changes;
        public long ListenerEpoch { get; } = listenerEpoch;
        public long StartedAt { get; } = startedAt;
        public Task<T> Task { get; set; } = null!;
        public T? Value { get; set; }
    }
}
