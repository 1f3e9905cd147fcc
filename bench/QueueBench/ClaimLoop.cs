using System.Diagnostics;
using System.Globalization;

namespace GridSearch.QueueBench;

/// <summary>
/// Claimers that take no-op trials off the queue as fast as it allows, each in its own loop on the shared
/// data source, for a fixed window, each trial through a worker slot's calls (<see cref="SlotCycle"/>).
/// A trial claimed before the window ends is finished before the clock stops.
/// </summary>
internal static class ClaimLoop
{
    /// <returns>Trials claimed and completed, the time it took, and the time of each round trip to the queue (ms).</returns>
    public static async Task<(int Count, TimeSpan Elapsed, double[] RoundTrips)> RunAsync(SlotCycle cycle, int claimers, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        var perClaimer = await Task.WhenAll(Enumerable.Range(0, claimers).Select(n => Task.Run(async () =>
        {
            var worker = "bench-" + n.ToString(CultureInfo.InvariantCulture);
            var timings = new List<double>();
            var completed = 0;
            while (clock.Elapsed < window)
            {
                var started = Stopwatch.GetTimestamp();
                if (await cycle.ClaimAsync(worker, default) is not { } lease)
                {
                    Console.WriteLine("  (the queue ran dry)");
                    break;
                }

                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                for (var number = 1; number <= cycle.Epochs; number++)
                {
                    started = Stopwatch.GetTimestamp();
                    await cycle.RecordEpochAsync(lease, number, default);
                    timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                started = Stopwatch.GetTimestamp();
                await cycle.CompleteAsync(lease, default);
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                completed++;
            }

            return (completed, timings);
        })));
        return (perClaimer.Sum(c => c.completed), clock.Elapsed, perClaimer.SelectMany(c => c.timings).ToArray());
    }
}
