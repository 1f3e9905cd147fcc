using GridSearch.Core.Queue;
using Microsoft.Extensions.Logging;

namespace GridSearch.Worker.Execution;

/// <summary>Renews a trial's lease in the background while it trains, and remembers whether the
/// user cancelled it, a limit of its search stopped it, or the lease was lost (then the trial belongs to someone else).</summary>
public sealed class LeaseHeartbeat(TrialQueue queue, TrialLease lease, TimeSpan interval, ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private volatile bool cancelRequested;
    private volatile bool leaseLost;
    private volatile bool stopRequested;

    public bool CancelRequested => cancelRequested;

    /// <summary>A limit of the search stopped the trial: it ends succeeded with the weights it has.</summary>
    public bool StopRequested => stopRequested;
    public bool LeaseLost => leaseLost;

    public void Start() => loop = Task.Run(() => BeatAsync(stop.Token));

    public void MarkLost() => leaseLost = true;

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => stop.Dispose();

    private async Task BeatAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested && !leaseLost)
        {
            await Task.Delay(interval, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (token.IsCancellationRequested)
            {
                return;
            }

            try
            {
                switch (await queue.HeartbeatAsync(lease, token))
                {
                    case HeartbeatOutcome.CancelRequested:
                        cancelRequested = true;
                        break;
                    case HeartbeatOutcome.StopRequested:
                        stopRequested = true;
                        break;
                    case HeartbeatOutcome.LeaseLost:
                        leaseLost = true;
                        break;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // A missed beat is not fatal: the lease outlasts several intervals.
                logger.LogWarning(e, "Heartbeat of trial {TrialId} failed; trying again", lease.TrialId);
            }
        }
    }
}
