using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GridSearch.Core.Queue;
using GridSearch.Core.Trials;

namespace GridSearch.QueueBench;

/// <summary>
/// Simulated worker slots, as many as a fleet would run, each doing what a slot does to the database:
/// claim a trial, heartbeat its lease every third of the lease while it "trains" (a delay of the trial's
/// length), then record it and claim the next in one statement (CompleteAndClaimNextAsync), and sweep for
/// expired leases once per lease length, as every slot's rescuer does. Nothing is scaled: trial lengths,
/// lease (30 s) and heartbeat (10 s) are the real ones. To reach the steady state at once, every slot
/// starts part-way through a trial (its first one lasts a random part of the trial length), so the
/// burst of first claims falls in a warm-up that is not measured.
/// </summary>
internal sealed class ScaleSimulation(TrialQueue queue, QueueOptions options, DatabaseCpu cpu)
{
    private static readonly TrialResult Result = new(0.97, 0.1, 0.96, 0.12, 7, StopReason.Completed, 101_770, [[98, 2], [3, 97]]);

    public async Task<ScaleFigures> RunAsync(int slots, TimeSpan trialLength, TimeSpan warmUp, TimeSpan window)
    {
        var heartbeatEvery = options.LeaseDuration / 3;
        var claimLatencies = new ConcurrentBag<double>();
        var completed = 0;
        var heartbeats = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var random = new Random(slots * 1000 + (int)trialLength.TotalSeconds);
        var firstLengths = Enumerable.Range(0, slots).Select(_ => trialLength * random.NextDouble()).ToArray();
        var sweepOffsets = Enumerable.Range(0, slots).Select(_ => options.LeaseDuration * random.NextDouble()).ToArray();

        var slotTasks = Enumerable.Range(0, slots).Select(n => Task.Run(async () =>
        {
            var worker = "sim-" + n.ToString(CultureInfo.InvariantCulture);
            var lease = await queue.ClaimAsync(worker, default) ?? throw new InvalidOperationException("The queue ran dry.");
            var length = firstLengths[n];
            var nextSweep = Stopwatch.GetTimestamp() + (long)(sweepOffsets[n].TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                // "Train", heartbeating; the slot's rescuer sweeps on its own schedule meanwhile.
                var trialEnds = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
                var nextBeat = Stopwatch.GetTimestamp() + (long)(heartbeatEvery.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < trialEnds)
                {
                    var wake = Math.Min(trialEnds, Math.Min(nextBeat, nextSweep));
                    if (!await DelayAsync(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), wake), stop.Token))
                    {
                        await lease.DisposeAsync();
                        return;
                    }

                    var now = Stopwatch.GetTimestamp();
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

                        nextBeat = now + (long)(heartbeatEvery.TotalSeconds * Stopwatch.Frequency);
                    }

                    if (now >= nextSweep)
                    {
                        await queue.RescueExpiredAsync(default);
                        nextSweep = now + (long)(options.LeaseDuration.TotalSeconds * Stopwatch.Frequency);
                    }
                }

                var started = Stopwatch.GetTimestamp();
                var outcome = await queue.CompleteAndClaimNextAsync(lease, Result, worker, default);
                if (measuring)
                {
                    claimLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref completed);
                }

                if (!outcome.Recorded)
                {
                    throw new InvalidOperationException($"Trial {lease.TrialId}: its lease was lost.");
                }

                lease = outcome.Next ?? throw new InvalidOperationException("The queue ran dry.");
                length = trialLength;
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

        var (p50, p99) = Latencies.MedianAndP99(claimLatencies.ToArray());
        return new ScaleFigures(
            slots,
            trialLength,
            completed / elapsed.TotalSeconds,
            heartbeats / elapsed.TotalSeconds,
            p50,
            p99,
            DatabaseCpu.Seconds(before, after) / elapsed.TotalSeconds,
            (after.Commits - before.Commits) / (after.At - before.At).TotalSeconds);
    }

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
