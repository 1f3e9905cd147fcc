using GridSearch.Core.Estimates;
using GridSearch.Core.Leaderboard;

namespace GridSearch.Core.Search;

/// <summary>Where a search stands: its trials by state, the best so far, and its time span.</summary>
public sealed record SearchProgress(
    Search Search,
    TrialCounts Counts,
    LeaderboardEntry? Best,
    DateTimeOffset? StartedAt,
    DateTimeOffset? LastFinishedAt)
{
    /// <summary>Epochs done of epochs planned; read for a single search (GetAsync), null in lists.</summary>
    public EpochProgress? Epochs { get; init; }

    /// <summary>From <see cref="Epochs"/>: null when not read or before the first epoch, 0 once over.</summary>
    public double? EstimatedSecondsLeft => Epochs?.EstimatedSecondsLeft(Status is SearchStatus.Completed or SearchStatus.Cancelled);

    /// <summary>
    /// Cancelled as soon as the user cancels (running trials may still be winding down);
    /// completed once every trial has finished; queued until a first trial is picked up or answered by the
    /// result cache (a trial that failed and waits for its retry still counts as started; a cached one has
    /// no start, since it never ran, so it counts by being finished).
    /// </summary>
    public SearchStatus Status =>
        Search.IsCancelled ? SearchStatus.Cancelled
        : Counts.Finished >= Search.TrialCount ? SearchStatus.Completed
        : StartedAt is null && Counts.Finished == 0 ? SearchStatus.Queued
        : SearchStatus.Running;

    public DateTimeOffset? FinishedAt => Status is SearchStatus.Completed or SearchStatus.Cancelled && Counts.Running == 0
        ? LastFinishedAt ?? Search.CancelledAt
        : null;
}
