using GridSearch.Core.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridSearch.Worker.Execution;

/// <summary>
/// Sweeps for trials whose lease expired (their worker died) and returns them to the queue, about
/// once a lease duration, whether or not this slot is busy training: a dead worker's trial is back
/// on the queue within two lease durations. Every slot sweeps; the sweep is one idempotent UPDATE.
/// </summary>
public sealed class LeaseRescuer(TrialQueue queue, IOptions<QueueOptions> options, ILogger<LeaseRescuer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var interval = options.Value.LeaseDuration;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var rescued = await queue.RescueExpiredAsync(stopping);
                if (rescued > 0)
                {
                    logger.LogWarning("Returned {Count} trial(s) with expired leases to the queue", rescued);
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Lease sweep failed; trying again");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(interval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
