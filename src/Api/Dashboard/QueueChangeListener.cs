using System.Globalization;
using GridSearch.Core.Queue;
using Npgsql;

namespace GridSearch.Api.Dashboard;

/// <summary>
/// One LISTEN connection for the whole API: hears the queue's change notifications (each names the search a
/// statement changed, sent when it commits; see <see cref="QueueOptions.ChangesChannel"/>) and passes them to
/// the <see cref="SearchChangeHub"/>. Delivery is at most once, and only while connected: after a reconnect
/// every stream is woken to re-read, and streams also re-read on a slow safety poll, so a change missed in
/// a gap is shown late, never lost.
/// </summary>
public sealed class QueueChangeListener(NpgsqlDataSource dataSource, QueueOptions options, SearchChangeHub hub, ILogger<QueueChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ChangesChannel is not { } channel)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(channel, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                hub.SetListening(false);
                logger.LogWarning(e, "Change notifications unavailable; event streams poll until it is back, retrying in {Seconds} s", RetryAfter.TotalSeconds);
                await Task.Delay(RetryAfter, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListenAsync(string channel, CancellationToken stoppingToken)
    {
        // A connection of its own for as long as it lives: it must not go back to the pool while listening.
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var searchId))
            {
                hub.Changed(searchId);
            }
        };
        // LISTEN takes a name, not a parameter; QueueOptions accepted only a plain lowercase identifier.
        await using (var listen = new NpgsqlCommand("LISTEN " + channel, connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        hub.SetListening(true);
        try
        {
            while (true)
            {
                // A quiet connection may have died without a word: a query now and then finds out.
                if (!await connection.WaitAsync(CheckEvery, stoppingToken))
                {
                    await using var check = new NpgsqlCommand("SELECT 1", connection);
                    await check.ExecuteNonQueryAsync(stoppingToken);
                }
            }
        }
        finally
        {
            hub.SetListening(false);
        }
    }
}
