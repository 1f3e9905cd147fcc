using GridSearch.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace GridSearch.Worker.Execution;

/// <summary>
/// Runs one of a slot's fenced writes (an epoch, a trial's outcome) again and again while PostgreSQL is
/// unreachable, until it answers or the slot stops. Safe to repeat because every such write is fenced by
/// the lease and idempotent: after a short outage the lease still holds and the write lands once; after
/// one longer than the lease the trial may have been rescued meanwhile, and the write is refused (the
/// result is dropped, the trial runs again elsewhere), never recorded twice. A write that committed just
/// as the connection broke is refused on its repeat too, and so reads as lost although it was kept.
/// </summary>
public static class ThroughOutage
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    public static async Task<T> WriteAsync<T>(Func<Task<T>> write, long trialId, ILogger logger, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(write);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write();
            }
            catch (Exception e) when (DatabaseOutage.Caused(e) && !stopping.IsCancellationRequested)
            {
                if (attempt == 1)
                {
                    logger.LogWarning("Database unavailable while recording trial {TrialId} ({Error}); retrying every {Seconds} s", trialId, e.GetBaseException().Message, Pause.TotalSeconds);
                }

                await Task.Delay(Pause, stopping);
            }
        }
    }
}
