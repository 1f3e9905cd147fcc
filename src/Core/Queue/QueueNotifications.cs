using System.Data;
using System.Globalization;
using Npgsql;

namespace GridSearch.Core.Queue;

/// <summary>
/// What the queue's statements announce, heard through PostgreSQL LISTEN, for every process that listens: a
/// worker slot waits on <see cref="QueueOptions.Channel"/> for trials to claim, the API follows
/// <see cref="QueueOptions.ChangesChannel"/> to re-read the searches that changed. NOTIFY is sent at commit
/// and delivered at most once, only to a connection listening then: a listener covers a gap by reading
/// again (a worker claims after every wait, notified or not; the API re-reads every stream when it listens anew).
/// </summary>
public sealed class QueueNotifications(NpgsqlDataSource dataSource, QueueOptions options)
{
    /// <summary>How long a quiet change listener waits before it checks that its connection is alive.</summary>
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits, on a connection of its own, until trials are queued (a NOTIFY on the channel) or the
    /// timeout passes; workers then try to claim either way, so the timeout is the polling fallback
    /// for a notification missed between their last claim and this call. True when notified.
    /// </summary>
    public async Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await ListenAsync(connection, options.Channel, ct);
            return await connection.WaitAsync(timeout, ct);
        }
        finally
        {
            // The connection goes back to the pool: stop the server sending it notifications nobody reads.
            if (connection.State == ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand("UNLISTEN *", connection);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Follows the changes channel on a connection of its own, for as long as it lives: each notification's
    /// search id goes to <paramref name="changed"/> (on the connection's thread: it must not block), and
    /// <paramref name="listening"/> hears true once the LISTEN holds and false when it ends. Returns at once
    /// when the changes channel is off (<see cref="QueueOptions.ChangesChannel"/> null); otherwise runs until
    /// <paramref name="ct"/> is cancelled, or throws when the connection fails: the caller listens anew.
    /// </summary>
    public async Task FollowChangesAsync(Action<long> changed, Action<bool> listening, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(listening);
        if (options.ChangesChannel is not { } channel)
        {
            return;
        }

        // Not pooled back while listening: the connection is this call's until it returns.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        connection.Notification += (_, e) =>
        {
            if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var searchId))
            {
                changed(searchId);
            }
        };
        await ListenAsync(connection, channel, ct);
        listening(true);
        try
        {
            while (true)
            {
                // A quiet connection may have died without a word: a query now and then finds out.
                if (!await connection.WaitAsync(CheckEvery, ct))
                {
                    await using var check = new NpgsqlCommand("SELECT 1", connection);
                    await check.ExecuteNonQueryAsync(ct);
                }
            }
        }
        finally
        {
            listening(false);
        }
    }

    private static async Task ListenAsync(NpgsqlConnection connection, string channel, CancellationToken ct)
    {
        // LISTEN takes a name, not a parameter; QueueOptions accepts only a plain lowercase identifier.
        await using var command = new NpgsqlCommand("LISTEN " + channel, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
