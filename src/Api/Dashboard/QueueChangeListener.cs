using GridSearch.Core.Queue;
using Npgsql;

namespace GridSearch.Api.Dashboard;

/// <summary>
/// The API's one change listener: follows the queue's change notifications (<see cref="QueueNotifications"/>:
/// each names the search a statement changed, sent when it commits) into the <see cref="SearchChangeHub"/>,
/// listening anew whenever the connection fails. Delivery is at most once, and only while connected: after a
/// reconnect every stream is woken to re-read, and streams also re-read on a slow safety poll, so a change
/// missed in a gap is shown late, never lost.
/// </summary>
public sealed class QueueChangeListener(QueueNotifications notifications, SearchChangeHub hub, ILogger<QueueChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await notifications.FollowChangesAsync(hub.Changed, hub.SetListening, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(e, "Change notifications unavailable; event streams poll until it is back, retrying in {Seconds} s", RetryAfter.TotalSeconds);
                await Task.Delay(RetryAfter, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
