using GridSearch.Core.Estimates;
using GridSearch.Domain.Planning;

namespace GridSearch.Core.Search;

/// <summary>
/// What a definition would cost, computed without writing anything: its trials with their parameter
/// counts and estimated seconds, how many the result cache would answer, the epoch rate the estimates
/// rest on, and the wall time on the <paramref name="Workers"/> worker slots seen recently.
/// </summary>
public sealed record SearchDryRun(SearchPlan Plan, IReadOnlyList<DryRunTrial> Trials, EpochRate Rate, int Workers)
{
    /// <summary>Whether the trials are queued the most work first (<see cref="SearchLimits.LongestFirst"/>).</summary>
    public bool LongestFirst { get; init; } = true;

    public int Cached => Trials.Count(t => t.CachedFrom is not null);

    /// <summary>Training seconds summed over the trials (as on one slot).</summary>
    public double EstimatedSeconds => Trials.Sum(t => t.EstimatedSeconds);

    /// <summary>
    /// The trials handed out in queue order, each to the slot that frees up first (as the workers claim
    /// them), on idle slots: when the last one ends. Early stopping can only shorten it.
    /// </summary>
    public double EstimatedWallSeconds
    {
        get
        {
            var slots = new PriorityQueue<int, double>();
            for (var slot = 0; slot < Workers; slot++)
            {
                slots.Enqueue(slot, 0);
            }

            var end = 0.0;
            var byOrdinal = Trials.ToDictionary(t => t.Trial.Ordinal);
            foreach (var trial in Plan.QueueOrder(LongestFirst).Select(p => byOrdinal[p.Ordinal]).Where(t => t.CachedFrom is null))
            {
                slots.TryDequeue(out var slot, out var free);
                var done = free + trial.EstimatedSeconds;
                end = Math.Max(end, done);
                slots.Enqueue(slot, done);
            }

            return end;
        }
    }
}
