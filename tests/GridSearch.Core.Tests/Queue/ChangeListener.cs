using System.Collections.Concurrent;
using GridSearch.Testing.Database;
using Npgsql;

namespace GridSearch.Core.Tests.Queue;

/// <summary>Listens on the queue's changes channel on a connection of its own and keeps every payload heard.</summary>
internal sealed class ChangeListener : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly ConcurrentQueue<string> heard = new();

    private ChangeListener(NpgsqlConnection connection)
    {
        this.connection = connection;
        connection.Notification += (_, e) => heard.Enqueue(e.Payload);
    }

    public static async Task<ChangeListener> StartAsync(TestDatabase db, string channel)
    {
        var connection = await db.DataSource.OpenConnectionAsync();
        // The channel is the test's own constant identifier.
        await using (var command = new NpgsqlCommand("LISTEN " + channel, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new ChangeListener(connection);
    }

    /// <summary>The payloads heard so far and within <paramref name="quiet"/> more, then forgets them.</summary>
    public async Task<List<string>> DrainAsync(TimeSpan quiet)
    {
        while (await connection.WaitAsync(quiet))
        {
        }

        var payloads = new List<string>();
        while (heard.TryDequeue(out var payload))
        {
            payloads.Add(payload);
        }

        return payloads;
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
