using GridSearch.Core.Estimates;
using GridSearch.Domain.Planning;

namespace GridSearch.Core.Search;

/// <summary>
/// What a definition would cost, computed without writing anything: its trials with their parameter
/// counts and estimated seconds, how many the result cache would answer, the rates the estimates rest on,
/// and the wall time on the queue as it is (<paramref name="Queue"/>: the live slots, the trials running and
/// queued ahead of it, priced at <paramref name="Rates"/>).
/// </summary>
public sealed record SearchDryRun(SearchPlan Plan, IReadOnlyList<DryRunTrial> Trials, QueueState Queue, MeasuredRates Rates)
{
    /// <summary>Whether the trials are queued the most work first (<see cref="SearchLimits.LongestFirst"/>).</summary>
    public bool LongestFirst { get; init; } = true;

    public int Cached => Trials.Count(t => t.CachedFrom is not null);

    /// <summary>Training seconds summed over the trials (as on one slot).</summary>
    public double EstimatedSeconds => Trials.Sum(t => t.EstimatedSeconds);

    /// <summary>"measured" when any trial to train is priced at a measured rate, else "default".</summary>
    public string Basis => ToTrain.Any(t => t.Rate.Basis == EpochRate.Measured) ? EpochRate.Measured : EpochRate.Default;

    /// <summary>The rates the trials to train are priced at, in words, each once.</summary>
    public string Detail => ToTrain.Count == 0 ? "nothing to train." : string.Join(" ", ToTrain.Select(t => t.Rate.Description).Distinct());

    /// <summary>Seconds here per reference second over the trials to train, epochs and ends together (1 with none).</summary>
    public double Factor
    {
        get
        {
            var reference = ToTrain.Sum(t => t.Cost!.PlannedSeconds);
            return reference > 0 ? EstimatedSeconds / reference : 1;
        }
    }

    /// <summary>Trials of other searches running or queued: the new search's trials are claimed after them.</summary>
    public int TrialsAhead => Queue.Running.Count + Queue.Queued.Count;

    /// <summary>
    /// When the last trial would end if submitted now: the running trials keep their slots until they end,
    /// the queued ones are claimed first, then this search's in its queue order, each by the slot that frees
    /// first: the free slots at once, the busy ones as their trials end. Early stopping and pruners can only
    /// shorten it.
    /// </summary>
    public double EstimatedWallSeconds
    {
        get
        {
            var byOrdinal = Trials.ToDictionary(t => t.Trial.Ordinal);
            var mine = Plan.QueueOrder(LongestFirst).Select(p => byOrdinal[p.Ordinal]).Where(t => t.CachedFrom is null).Select(t => t.EstimatedSeconds);
            return Queue.SecondsUntilDone(null, t => Rates.For(t, null).Seconds(t.Cost, t.EpochsLeft), mine);
        }
    }

    private List<DryRunTrial> ToTrain => [.. Trials.Where(t => t.CachedFrom is null && t.Cost is not null)];
}
