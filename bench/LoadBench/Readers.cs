using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace GridSearch.LoadBench;

/// <summary>
/// M API clients polling a running search, each in a loop: its status (GET /api/searches/{id}), then its
/// leaderboard (GET /api/searches/{id}/leaderboard?top=10), then a pause (none by default: as fast as answers
/// come). Every answer's status code and latency is kept.
/// </summary>
internal sealed class Readers(HttpClient http, long searchId, int count, TimeSpan pause)
{
    private readonly ConcurrentBag<double> latencies = [];
    private readonly ConcurrentBag<(long At, double Milliseconds)> timeline = [];
    private readonly long origin = Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<int, int> statuses = new();
    private long failures;

    /// <summary>Requests that got no answer at all (a timeout, a refused or dropped connection).</summary>
    public long Failures => Interlocked.Read(ref failures);

    public int Answered => latencies.Count;

    public int NonSuccess => statuses.Where(s => s.Key is < 200 or >= 300).Sum(s => s.Value);

    public IReadOnlyDictionary<int, int> Statuses => statuses;

    public async Task RunAsync(CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => LoopAsync(i, stop), CancellationToken.None)));
    }

    /// <summary>The latency below which the given fraction of answers came, in milliseconds.</summary>
    public double Percentile(double fraction) => Percentile(latencies, fraction);

    /// <summary>The same over the requests sent before (or from) <paramref name="since"/> after the readers started.</summary>
    public double Percentile(double fraction, TimeSpan since, bool before) =>
        Percentile([.. timeline.Where(t => (Stopwatch.GetElapsedTime(origin, t.At) < since) == before).Select(t => t.Milliseconds)], fraction);

    private static double Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private async Task LoopAsync(int reader, CancellationToken stop)
    {
        // Spread over the first pause (or 100 ms), so the readers do not all ask in one instant.
        await Delay(TimeSpan.FromMilliseconds(reader * Math.Max(100, pause.TotalMilliseconds) / count), stop);
        string[] paths = [$"/api/searches/{searchId}", $"/api/searches/{searchId}/leaderboard?top=10"];
        while (!stop.IsCancellationRequested)
        {
            foreach (var path in paths)
            {
                await AskAsync(path, stop);
            }

            await Delay(pause, stop);
        }
    }

    private async Task AskAsync(string path, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(path, stop);
            await response.Content.ReadAsByteArrayAsync(stop);
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            latencies.Add(milliseconds);
            timeline.Add((started, milliseconds));
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The window closed while this one was in flight: not counted.
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            Interlocked.Increment(ref failures);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public static string Describe(IReadOnlyDictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {(HttpStatusCode)s.Key} ({s.Key})"));
}
