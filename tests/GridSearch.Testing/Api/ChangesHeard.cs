using GridSearch.Api.Dashboard;
using GridSearch.Core.Queue;
using Npgsql;

namespace GridSearch.Testing.Api;

/// <summary>
/// Before each GET a test sends, waits until the API has heard every change committed so far. The API
/// answers a running search's status and leaderboard from what it read last, until the queue's change
/// notification for the search arrives (<c>SearchSnapshots</c>), and a test that plays the worker
/// (<see cref="ApiHost.Queue"/>, SQL) reads right after its own write, faster than a notification travels.
/// So this sends a notification of its own on the changes channel (for search 0, which never exists) and waits
/// for the API to hear it: notifications arrive in commit order, so every earlier change was heard first.
/// While the API is not listening it keeps nothing, and there is nothing to wait for.
/// </summary>
public sealed class ChangesHeard(IServiceProvider services, NpgsqlDataSource dataSource) : DelegatingHandler
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hub = (SearchChangeHub)services.GetService(typeof(SearchChangeHub))!;
        var options = (QueueOptions)services.GetService(typeof(QueueOptions))!;
        if (request.Method == HttpMethod.Get && hub.IsListening && options.ChangesChannel is { } channel)
        {
            using var heard = hub.Subscribe(0);
            await using (var command = dataSource.CreateCommand("SELECT pg_notify(@channel, '0')"))
            {
                command.Parameters.AddWithValue("channel", channel);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await heard.WaitAsync(Patience, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
