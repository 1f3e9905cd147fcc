using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;

namespace GridSearch.Dashboard.Tests;

/// <summary>
/// Plays a worker through the real queue (claim, record an epoch, complete) with results the test
/// chooses, where a test needs exact metrics (ties, pruned trials, repeats) that training cannot promise.
/// Only for a search no real worker is running on: the tests of the collection run one at a time.
/// </summary>
public sealed class HandWorker(DashboardHost host)
{
    private readonly TrialQueue queue = new(host.Database.DataSource, new QueueOptions());

    /// <summary>Claims the next queued trial, which must be of <paramref name="searchId"/>, and completes it.</summary>
    public Task<long> FinishNextAsync(long searchId, double accuracy, string stopReason = StopReason.Completed) =>
        FinishNextAsync(searchId, _ => accuracy, stopReason);

    /// <summary>The same, with the accuracy <paramref name="accuracyOf"/> gives the claimed trial's id.</summary>
    public async Task<long> FinishNextAsync(long searchId, Func<long, double> accuracyOf, string stopReason = StopReason.Completed)
    {
        ArgumentNullException.ThrowIfNull(accuracyOf);
        await using var lease = await queue.ClaimAsync("hand-worker", CancellationToken.None)
            ?? throw new InvalidOperationException($"Search {searchId} has no queued trial.");
        Assert.Equal(searchId, lease.SearchId);
        var accuracy = accuracyOf(lease.TrialId);
        var loss = 1 - accuracy;
        await queue.RecordEpochAsync(
            lease,
            new Epoch { TrialId = lease.TrialId, Number = 1, TrainLoss = loss, TrainAccuracy = accuracy, ValLoss = loss, ValAccuracy = accuracy, LearningRate = 0.001, Seconds = 1 },
            checkpoint: null,
            CancellationToken.None);
        Assert.True(await queue.CompleteAsync(lease, new TrialResult(accuracy, loss, accuracy, loss, 1, stopReason, 1234, [[5, 0], [1, 4]]), model: null, CancellationToken.None));
        return lease.TrialId;
    }
}
