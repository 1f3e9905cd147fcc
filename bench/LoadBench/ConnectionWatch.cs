using System.Diagnostics;
using Npgsql;

namespace GridSearch.LoadBench;

/// <summary>
/// Polls pg_stat_activity on the bench's database every <see cref="Every"/>: the most connections each part of
/// the service (by application name) held at once, and all together; and the database's committed transactions.
/// </summary>
internal sealed class ConnectionWatch(string connectionString) : IAsyncDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, int> peaks = [];
    private readonly CancellationTokenSource stop = new();
    private Task? watching;

    public int PeakTotal { get; private set; }

    public int Samples { get; private set; }

    public int Peak(string application)
    {
        lock (peaks)
        {
            return peaks.GetValueOrDefault(application);
        }
    }

    public void Start() => watching = WatchAsync(stop.Token);

    /// <summary>Transactions committed in the database so far (pg_stat_database, as its statistics are flushed).</summary>
    public async Task<long> CommitsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Stops watching; the peaks stay readable. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (watching is not { } running)
        {
            return;
        }

        watching = null;
        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(application_name, ''), count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1",
            connection);
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var total = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (application, count) = (reader.GetString(0), reader.GetInt32(1));
                    total += count;
                    lock (peaks)
                    {
                        peaks[application] = Math.Max(peaks.GetValueOrDefault(application), count);
                    }
                }
            }

            PeakTotal = Math.Max(PeakTotal, total);
            Samples++;
            var left = Every - Stopwatch.GetElapsedTime(started);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
