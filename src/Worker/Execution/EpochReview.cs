using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using Microsoft.Extensions.Logging;

namespace GridSearch.Worker.Execution;

/// <summary>
/// Applies a search's rules (<see cref="SearchRules"/>) at each epoch end of one trial, after the epoch is
/// recorded: the target (the epoch alone decides), then the time limit and the pruner, which share one
/// query (<see cref="EpochStandingQuery"/>: the other trials at this epoch, and the database's
/// clock), made only at epochs where either applies. A hit limit stops the search through the queue; the
/// trial's own stop is <see cref="StopReason"/>, which the trainer reads before the next epoch.
/// Runs on the training thread, as the epoch's recording does.
/// </summary>
public sealed class EpochReview(TrialQueue queue, EpochStandingQuery standings, TrialLease lease, SearchRules rules, DateTimeOffset? deadline, int lastEpoch, ILogger logger)
{
    private double? best;

    /// <summary>Why the trial should stop before its next epoch; null to go on.</summary>
    public string? StopReason { get; private set; }

    public void AfterEpoch(Epoch epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        if (rules.IsNone || StopReason is not null)
        {
            return;
        }

        if (rules.Limits.Target is { } target && target.ReachedBy(epoch))
        {
            StopSearch(SearchStopReason.TargetReached, epoch);
            StopReason = GridSearch.Domain.Trials.StopReason.TargetReached;
            return;
        }

        var pruner = rules.Pruner;
        var value = EpochMetrics.Of(pruner.Metric, epoch) is { } v && double.IsFinite(v) ? v : (double?)null;
        if (value is { } current && (best is null || EpochMetrics.Worse(pruner.Metric, best.Value, current)))
        {
            best = current;
        }

        var prune = value is not null && pruner.Applies(epoch.Number, lastEpoch);
        if (deadline is null && !prune)
        {
            return;
        }

        var standing = standings.EpochStandingAsync(lease, epoch.Number, pruner.Metric, CancellationToken.None).GetAwaiter().GetResult();
        if (standing.Now >= deadline)
        {
            StopSearch(SearchStopReason.TimeLimit, epoch);
            StopReason = GridSearch.Domain.Trials.StopReason.Limit;
        }
        else if (prune && pruner.ShouldPrune(epoch.Number, value!.Value, best!.Value, standing.Others))
        {
            logger.LogInformation(
                "Trial {TrialId} pruned after epoch {Epoch}: {Metric} {Best:F4} at best, against {Others} other trial(s) ({Pruner})",
                lease.TrialId, epoch.Number, EpochMetrics.Name(pruner.Metric), best, standing.Others.Count, pruner);
            StopReason = GridSearch.Domain.Trials.StopReason.Pruned;
        }
    }

    private void StopSearch(string reason, Epoch epoch)
    {
        var stopped = queue.StopSearchAsync(lease, reason, CancellationToken.None).GetAwaiter().GetResult();
        logger.LogInformation(
            "Trial {TrialId} hit its search's {Reason} after epoch {Epoch}{Stopped}",
            lease.TrialId, reason, epoch.Number, stopped ? ": search stopped" : " (the search had already stopped)");
    }
}
