namespace GridSearch.Core.Estimates;

/// <summary>
/// The queue as a new or running search meets it: the slots of the registered workers that are alive
/// (<paramref name="LiveSlots"/>), the trials running now (one slot each), and the queued trials in the order
/// the workers will claim them.
/// </summary>
public sealed record QueueState(int LiveSlots, IReadOnlyList<ActiveTrial> Running, IReadOnlyList<ActiveTrial> Queued)
{
    /// <summary>The slots the trials share: the live workers' (at least the running trials', whose workers
    /// may not have registered, and at least one, so that a queue with no worker yet still gets an estimate).</summary>
    public int Slots => Math.Max(1, Math.Max(LiveSlots, Running.Count));

    /// <summary>Slots with no trial now.</summary>
    public int FreeSlots => Slots - Running.Count;

    /// <summary>
    /// When the last trial of <paramref name="searchId"/> would end, in seconds from now: each running trial
    /// keeps its slot until it ends, and the queued ones go in order, each to the slot that frees first, then
    /// <paramref name="appended"/> (a dry run's trials, queued behind everything). <paramref name="seconds"/>
    /// prices each trial's remaining work. 0 when the search has nothing left.
    /// </summary>
    public double SecondsUntilDone(long? searchId, Func<ActiveTrial, double> seconds, IEnumerable<double>? appended = null)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var slots = new PriorityQueue<int, double>();
        var end = 0.0;
        foreach (var trial in Running)
        {
            var done = seconds(trial);
            slots.Enqueue(slots.Count, done);
            end = trial.SearchId == searchId ? Math.Max(end, done) : end;
        }

        while (slots.Count < Slots)
        {
            slots.Enqueue(slots.Count, 0);
        }

        foreach (var (ours, length) in Queued.Select(t => (t.SearchId == searchId, seconds(t))).Concat((appended ?? []).Select(s => (true, s))))
        {
            slots.TryDequeue(out var slot, out var free);
            var done = free + length;
            end = ours ? Math.Max(end, done) : end;
            slots.Enqueue(slot, done);
        }

        return end;
    }
}
