using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GridSearch.Core.Queue;

namespace GridSearch.QueueBench;

/// <summary>
/// Simulated worker slots, as many as a fleet would run, each doing what a slot does to the database
/// (<see cref="SlotCycle"/>): claim a trial, "train" it (a delay of the trial's length) while writing its epoch
/// rows as its epochs end and heartbeating its lease every third of the lease, complete it, claim the next;
/// and sweep for expired leases once per lease length, as every slot's rescuer does. Nothing is scaled: trial
/// lengths, lease (30 s) and heartbeat (10 s) are the real ones. To reach the steady state at once, every slot
/// starts part-way through a trial (its first one lasts a random part of the trial length), so the burst of
/// first claims falls in a warm-up that is not measured.
/// </summary>
internal sealed class ScaleSimulation(TrialQueue queue, QueueOptions options, DatabaseCpu cpu)
{
    public async Task<ScaleFigures> RunAsync(SlotCycle cycle, int slots, TimeSpan trialLength, TimeSpan warmUp, TimeSpan window)
    {
        var heartbeatEvery = options.LeaseDuration / 3;
        var claimLatencies = new ConcurrentBag<double>();
        var completeLatencies = new ConcurrentBag<double>();
        var completed = 0;
        var heartbeats = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var random = new Random(slots * 1000 + (int)trialLength.TotalSeconds);
        var firstLengths = Enumerable.Range(0, slots).Select(_ => random.NextDouble()).ToArray();
        var sweepOffsets = Enumerable.Range(0, slots).Select(_ => options.LeaseDuration * random.NextDouble()).ToArray();

        var slotTasks = Enumerable.Range(0, slots).Select(n => Task.Run(async () =>
        {
            var worker = "sim-" + n.ToString(CultureInfo.InvariantCulture);
            var lease = await cycle.ClaimAsync(worker, default) ?? throw new InvalidOperationException("The queue ran dry.");
            // The first trial is already part-way through: only its last epochs are left.
            var part = firstLengths[n];
            var nextSweep = Stopwatch.GetTimestamp() + Ticks(sweepOffsets[n]);
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                var epochLength = trialLength / cycle.Epochs;
                var firstEpoch = cycle.Epochs - (int)Math.Ceiling(cycle.Epochs * part) + 1;
                var nextEpoch = started + Ticks(epochLength * (cycle.Epochs * part - (cycle.Epochs - firstEpoch)));
                var epoch = firstEpoch;
                var nextBeat = started + Ticks(heartbeatEvery);
                while (epoch <= cycle.Epochs)
                {
                    var wake = Math.Min(nextEpoch, Math.Min(nextBeat, nextSweep));
                    if (!await DelayAsync(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), wake), stop.Token))
                    {
                        await lease.DisposeAsync();
                        return;
                    }

                    var now = Stopwatch.GetTimestamp();
                    if (now >= nextEpoch)
                    {
                        await cycle.RecordEpochAsync(lease, epoch++, default);
                        nextEpoch = now + Ticks(epochLength);
                    }

                    if (now >= nextBeat)
                    {
                        if (await queue.HeartbeatAsync(lease, default) == HeartbeatOutcome.LeaseLost)
                        {
                            throw new InvalidOperationException($"Trial {lease.TrialId}: its lease was lost.");
                        }

                        if (measuring)
                        {
                            Interlocked.Increment(ref heartbeats);
                        }

                        nextBeat = now + Ticks(heartbeatEvery);
                    }

                    if (now >= nextSweep)
                    {
                        await queue.RescueExpiredAsync(default);
                        nextSweep = now + Ticks(options.LeaseDuration);
                    }
                }

                var completing = Stopwatch.GetTimestamp();
                await cycle.CompleteAsync(lease, default);
                var claiming = Stopwatch.GetTimestamp();
                lease = await cycle.ClaimAsync(worker, default) ?? throw new InvalidOperationException("The queue ran dry.");
                if (measuring)
                {
                    completeLatencies.Add(Stopwatch.GetElapsedTime(completing, claiming).TotalMilliseconds);
                    claimLatencies.Add(Stopwatch.GetElapsedTime(claiming).TotalMilliseconds);
                    Interlocked.Increment(ref completed);
                }

                part = 1;
            }
        })).ToArray();

        await Task.Delay(warmUp);
        var before = await cpu.SampleAsync();
        measuring = true;
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        measuring = false;
        var elapsed = clock.Elapsed;
        var after = await cpu.SampleAsync();
        await stop.CancelAsync();
        await Task.WhenAll(slotTasks);

        var (claimP50, claimP99) = Latencies.MedianAndP99(claimLatencies.ToArray());
        var (completeP50, completeP99) = Latencies.MedianAndP99(completeLatencies.ToArray());
        return new ScaleFigures(
            slots,
            trialLength,
            completed / elapsed.TotalSeconds,
            heartbeats / elapsed.TotalSeconds,
            claimP50,
            claimP99,
            completeP50,
            completeP99,
            DatabaseCpu.Seconds(before, after) / elapsed.TotalSeconds,
            (after.Commits - before.Commits) / (after.At - before.At).TotalSeconds);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
