using System.Diagnostics;
using System.Globalization;
using GridSearch.Core.Queue;
using GridSearch.Core.Trials;

namespace GridSearch.QueueBench;

/// <summary>
/// Claimers that take no-op trials off the queue as fast as it allows, each in its own loop on the
/// shared data source, for a fixed window; what they leave held at the end they complete before the clock
/// stops. Every completion must be recorded: a refused one means a lease was lost and fails the bench.
/// </summary>
internal static class ClaimLoop
{
    private static readonly TrialResult Result = new(0.97, 0.1, 0.96, 0.12, 7, StopReason.Completed, 101_770, [[98, 2], [3, 97]]);

    /// <returns>Trials completed, the time it took, and the time of each round trip to the queue (ms).</returns>
    public static async Task<(int Count, TimeSpan Elapsed, double[] RoundTrips)> RunAsync(
        TrialQueue queue, ClaimPath path, int claimers, int batch, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        var perClaimer = await Task.WhenAll(Enumerable.Range(0, claimers).Select(n => Task.Run(async () =>
        {
            var worker = "bench-" + n.ToString(CultureInfo.InvariantCulture);
            var timings = new List<double>();
            var completed = path switch
            {
                ClaimPath.ClaimThenComplete => await ClaimThenCompleteAsync(queue, worker, clock, window, timings),
                ClaimPath.CompleteAndClaimNext => await BatchesAsync(queue, worker, 1, clock, window, timings),
                _ => await BatchesAsync(queue, worker, batch, clock, window, timings),
            };
            return (completed, timings);
        })));
        return (perClaimer.Sum(c => c.completed), clock.Elapsed, perClaimer.SelectMany(c => c.timings).ToArray());
    }

    private static async Task<int> ClaimThenCompleteAsync(TrialQueue queue, string worker, Stopwatch clock, TimeSpan window, List<double> timings)
    {
        var completed = 0;
        while (clock.Elapsed < window)
        {
            var started = Stopwatch.GetTimestamp();
            if (await queue.ClaimAsync(worker, default) is not { } lease)
            {
                Console.WriteLine("  (the queue ran dry)");
                break;
            }

            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            Recorded(await queue.CompleteAsync(lease, Result, default), lease);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            completed++;
        }

        return completed;
    }

    // With a batch of 1 this is CompleteAndClaimNextAsync's statement.
    private static async Task<int> BatchesAsync(TrialQueue queue, string worker, int batch, Stopwatch clock, TimeSpan window, List<double> timings)
    {
        var completed = 0;
        IReadOnlyList<TrialLease> held = await queue.ClaimManyAsync(worker, batch, default);
        while (held.Count > 0)
        {
            var claim = clock.Elapsed < window ? batch : 0;
            var started = Stopwatch.GetTimestamp();
            var outcome = batch == 1
                ? await Next(queue, held[0], worker, claim)
                : await queue.CompleteAndClaimAsync([.. held.Select(l => new TrialCompletion(l, Result))], worker, claim, default);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            for (var i = 0; i < held.Count; i++)
            {
                Recorded(outcome.Recorded[i], held[i]);
            }

            completed += held.Count;
            held = outcome.Claimed;
        }

        return completed;
    }

    private static async Task<CompletedAndClaimed> Next(TrialQueue queue, TrialLease lease, string worker, int claim)
    {
        if (claim == 0)
        {
            return await queue.CompleteAndClaimAsync([new TrialCompletion(lease, Result)], worker, 0, default);
        }

        var next = await queue.CompleteAndClaimNextAsync(lease, Result, worker, default);
        return new CompletedAndClaimed([next.Recorded], next.Next is { } n ? [n] : []);
    }

    private static void Recorded(bool recorded, TrialLease lease)
    {
        if (!recorded)
        {
            throw new InvalidOperationException($"Trial {lease.TrialId}: its lease was lost.");
        }
    }
}
