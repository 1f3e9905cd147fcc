using GridSearch.Core.Models;
using GridSearch.Core.Queue;
using GridSearch.Core.Trials;
using GridSearch.Domain.Models;
using GridSearch.Domain.Trials;

namespace GridSearch.QueueBench;

/// <summary>
/// What a worker slot sends the queue for one trial (SlotWorker, EpochWriter), training aside, through the
/// same calls: the claim, one row per epoch (each renews the lease; none carries a checkpoint, as with short
/// epochs), and the completion with the trial's model. The trial's search has no limits or pruner and the
/// trial starts at epoch 1, as most do: no limits check, standing query or checkpoint read. Every write must
/// be recorded: a refused one means a lease was lost, and fails the bench.
/// </summary>
internal sealed class SlotCycle(TrialQueue queue, int epochs, int modelBytes)
{
    private static readonly TrialResult Result = new(0.97, 0.1, 0.96, 0.12, 7, StopReason.Completed, 101_770, [[98, 2], [3, 97]]);
    private readonly StoredModel model = new(ModelState.Format, new byte[modelBytes]);

    /// <summary>Epoch rows the slot writes per trial.</summary>
    public int Epochs => epochs;

    /// <summary>What the cycle is, for the figures' labels.</summary>
    public string Label => $"claim, {epochs} epoch row{(epochs == 1 ? "" : "s")}, complete with a {modelBytes / 1024.0:0.#} KB model";

    public Task<TrialLease?> ClaimAsync(string worker, CancellationToken ct) => queue.ClaimAsync(worker, ct);

    /// <summary>The row of epoch <paramref name="number"/>, as the slot writes it when the epoch ends.</summary>
    public async Task RecordEpochAsync(TrialLease lease, int number, CancellationToken ct)
    {
        var epoch = new Epoch { Number = number, TrainLoss = 0.2, TrainAccuracy = 0.95, ValLoss = 0.15, ValAccuracy = 0.96, LearningRate = 0.001, Seconds = 1.2 };
        Recorded(await queue.RecordEpochAsync(lease, epoch, checkpoint: null, ct), lease);
    }

    public async Task CompleteAsync(TrialLease lease, CancellationToken ct) =>
        Recorded(await queue.CompleteAsync(lease, Result, model, ct), lease);

    /// <summary>The whole trial at once: its epoch rows, then its completion.</summary>
    public async Task FinishAsync(TrialLease lease, CancellationToken ct)
    {
        for (var number = 1; number <= epochs; number++)
        {
            await RecordEpochAsync(lease, number, ct);
        }

        await CompleteAsync(lease, ct);
    }

    private static void Recorded(bool recorded, TrialLease lease)
    {
        if (!recorded)
        {
            throw new InvalidOperationException($"Trial {lease.TrialId}: its lease was lost.");
        }
    }
}
