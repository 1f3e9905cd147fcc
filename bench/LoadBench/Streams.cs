using System.Collections.Concurrent;

namespace GridSearch.LoadBench;

/// <summary>
/// N open event streams of one search, as N dashboard tabs hold them: each reads its events as they come and,
/// like a browser's EventSource, opens the stream again when it drops. Counts the events, the streams that had
/// their first send, and every answer that was not a stream (a non-2xx, a refused or dropped connection).
/// </summary>
internal sealed class Streams(HttpClient http, string path, int count)
{
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<int, int> statuses = new();
    private readonly Task[] readers = new Task[count];
    private long events;
    private long drops;
    private int opened;

    public int Opened => Volatile.Read(ref opened);

    public long Events => Interlocked.Read(ref events);

    /// <summary>Streams that ended or failed while open (the bench ending them aside).</summary>
    public long Drops => Interlocked.Read(ref drops);

    public int NonSuccess => statuses.Where(s => s.Key is < 200 or >= 300).Sum(s => s.Value);

    public IReadOnlyDictionary<int, int> Statuses => statuses;

    /// <summary>Opens them over <paramref name="ramp"/>, then waits until each had its first send (or the patience ran out).</summary>
    public async Task OpenAsync(TimeSpan ramp, TimeSpan patience, CancellationToken stop)
    {
        for (var i = 0; i < count; i++)
        {
            readers[i] = Task.Run(() => KeepOpenAsync(stop), CancellationToken.None);
            await Task.Delay(ramp / count, stop);
        }

        var deadline = DateTime.UtcNow + patience;
        while (Opened < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, stop);
        }
    }

    public async Task ClosedAsync() => await Task.WhenAll(readers.Where(r => r is not null)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private async Task KeepOpenAsync(CancellationToken stop)
    {
        var first = true;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, stop);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.IsSuccessStatusCode)
                {
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
                    while (await reader.ReadLineAsync(stop) is { } line)
                    {
                        if (line.StartsWith("event: ", StringComparison.Ordinal))
                        {
                            Interlocked.Increment(ref events);
                            if (first && line == "event: search")
                            {
                                first = false;
                                Interlocked.Increment(ref opened);
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // Counted below as a drop.
            }

            if (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref drops);
                await Task.Delay(ReconnectAfter, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
