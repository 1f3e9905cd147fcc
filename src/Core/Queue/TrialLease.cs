using GridSearch.Domain.Definition;

namespace GridSearch.Core.Queue;

/// <summary>
/// What a claim hands a worker: the trial to run and the lease token that every later write about it
/// must present. A write with a token that is no longer the trial's (the lease expired and the trial was
/// rescued, retried or cancelled) is refused.
/// <para>
/// Disposing the lease hands the trial back to the queue (<see cref="TrialQueue.ReleaseAsync"/>) unless it
/// is settled: its outcome was recorded through the queue (complete, fail, confirm cancelled, release), or
/// a write found the lease lost. So a worker that leaves its <c>await using</c> scope early (an exception,
/// a shutdown) requeues the trial at once instead of stranding it until the lease expires, the way
/// Hangfire.PostgreSql's fetched job requeues itself on dispose unless it was removed.
/// </para>
/// </summary>
public sealed class TrialLease : IAsyncDisposable
{
    private readonly TrialQueue queue;
    private readonly Lock gate = new();
    private Task<bool>? handBack;
    private volatile bool settled;

    internal TrialLease(TrialQueue queue) => this.queue = queue;

    public required long TrialId { get; init; }
    public required long SearchId { get; init; }
    public required Guid Token { get; init; }

    /// <summary>1 for the first run of the trial, 2 for its first retry, and so on.</summary>
    public required int Attempt { get; init; }

    /// <summary>The config to train; a TPE trial's is written by its suggestion, right after the claim
    /// (<see cref="TrialSuggestions"/>), before the lease is handed out.</summary>
    public string ConfigJson { get; internal set; } = "{}";
    public string ConfigHash { get; internal set; } = "";

    /// <summary>The strategy that chose the config (<see cref="Domain.Trials.ChosenBy"/>).</summary>
    public string? ChosenBy { get; internal set; }

    /// <summary>The limits and pruner of the trial's search, read with the claim.</summary>
    public required SearchRules Rules { get; init; }

    /// <summary>The epoch of the checkpoint an earlier attempt left (<see cref="TrialQueue.LoadCheckpointAsync"/>
    /// reads it), as of the claim; null when the trial starts at epoch 1.</summary>
    public int? CheckpointEpoch { get; init; }

    /// <summary>True once there is nothing left to hand back: an outcome was recorded under this lease,
    /// or a write found that the lease no longer holds.</summary>
    public bool IsSettled => settled;

    /// <summary>
    /// Hands the trial back unless the lease is settled. Every call gets the same task, so it is
    /// idempotent; it neither blocks nor throws where it is called (a failure surfaces in the task), so a
    /// cancellation callback may start it and the disposal later awaits the same release.
    /// True when this call's release handed the trial back.
    /// </summary>
    public Task<bool> HandBackAsync()
    {
        lock (gate)
        {
            return handBack ??= settled ? Task.FromResult(false) : queue.ReleaseAsync(this, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await HandBackAsync();

    /// <summary>Called by the queue once a fenced write recorded an outcome or was refused.</summary>
    internal void Settle() => settled = true;
}
