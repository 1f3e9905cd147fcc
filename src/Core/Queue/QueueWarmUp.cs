using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;

namespace GridSearch.Core.Queue;

/// <summary>
/// Sends the epoch and the completion statements once each for a lease that no trial holds (trial 0, which
/// no claim hands out): both fences refuse, so nothing is written or announced, but this process's connection
/// is open and the code that sends them compiled before its first trial's first epoch waits on them.
/// A slot runs it while it warms up, before its first claim.
/// </summary>
public sealed class QueueWarmUp(TrialQueue queue)
{
    public async Task WarmUpAsync(CancellationToken ct)
    {
        var unheld = new TrialLease(queue)
        {
            TrialId = 0, SearchId = 0, Token = Guid.Empty, Attempt = 0, ConfigJson = "{}", ConfigHash = "", Rules = SearchRules.None,
        };
        var epoch = new Epoch { Number = 1, TrainLoss = 0, TrainAccuracy = 0, ValLoss = 0, ValAccuracy = 0, LearningRate = 0, Seconds = 0 };
        var result = new TrialResult(0, 0, 0, 0, 0, StopReason.Completed, 0, [[0]]);
        if (await queue.RecordEpochAsync(unheld, epoch, checkpoint: [0], ct) || await queue.CompleteAsync(unheld, result, new Models.StoredModel(Domain.Models.ModelState.Format, [0]), ct))
        {
            throw new InvalidOperationException("A write for trial 0 was accepted: the queue's fence is broken.");
        }
    }
}
