using GridSearch.Domain.Trials;

namespace GridSearch.Worker.Execution;

/// <summary>
/// Which of a trial's epochs are written with a checkpoint: the first to end at least
/// <c>interval</c> of training after the last checkpoint (or after this attempt began); with a zero
/// interval, every one; never the trial's last epoch, since its completion follows at once and keeps the
/// model (a worker that dies in the test pass loses what dying in any epoch loses: the training since the last
/// checkpoint), and a large network's checkpoint, weights and optimizer state, is megabytes it would wait on.
/// Every epoch's row is written regardless; a claim clears the rows past the last checkpoint, so a resumed
/// trial repeats those epochs and gets the same metrics.
/// </summary>
public sealed class CheckpointCadence(TimeSpan interval, int lastEpoch)
{
    private double secondsSinceLast;

    /// <summary>Counts <paramref name="epoch"/>'s training time; true when a checkpoint is due with it.</summary>
    public bool Due(Epoch epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        secondsSinceLast += epoch.Seconds;
        if (secondsSinceLast < interval.TotalSeconds || epoch.Number >= lastEpoch)
        {
            return false;
        }

        secondsSinceLast = 0;
        return true;
    }
}
