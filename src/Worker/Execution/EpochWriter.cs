using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Training;
using Microsoft.Extensions.Logging;

namespace GridSearch.Worker.Execution;

/// <summary>
/// Writes one trial's epochs (<see cref="TrialQueue.RecordEpochAsync(TrialLease, Epoch, byte[], CancellationToken)"/>)
/// while the next epoch trains: each write starts as its epoch ends, and the training thread waits for it only
/// at the next epoch's end (or the trial's, <see cref="FlushAsync"/>), so a round trip to PostgreSQL no longer
/// holds training up; the last epoch's write overlaps the test pass. One write is in flight at a time, so epochs
/// land in order. A refused write (the lease has moved on) marks the lease lost, which the trainer reads before
/// its next epoch: at most one more epoch trains for nothing. While the database is down a write repeats
/// (<see cref="ThroughOutage"/>), and training waits at the next epoch's end.
/// </summary>
public sealed class EpochWriter(TrialQueue queue, TrialLease lease, LeaseHeartbeat heartbeat, ILogger logger, CancellationToken stopping)
{
    private Task<bool> inFlight = Task.FromResult(true);

    /// <summary>Waits for the previous epoch's write, then starts this one's (with <paramref name="checkpoint"/>,
    /// when one is due). Called on the training thread.</summary>
    public void Write(Epoch epoch, TrainingCheckpoint? checkpoint)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        Settle(inFlight.GetAwaiter().GetResult());
        epoch.TrialId = lease.TrialId;
        var state = checkpoint?.ToBytes();
        inFlight = ThroughOutage.WriteAsync(() => queue.RecordEpochAsync(lease, epoch, state, CancellationToken.None), lease.TrialId, logger, stopping);
    }

    /// <summary>Waits for the last epoch's write; a refused one marks the lease lost.</summary>
    public async Task FlushAsync() => Settle(await inFlight);

    private void Settle(bool written)
    {
        if (!written)
        {
            heartbeat.MarkLost();
        }
    }
}
