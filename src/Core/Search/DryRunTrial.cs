using GridSearch.Core.Estimates;
using GridSearch.Domain.Planning;

namespace GridSearch.Core.Search;

/// <summary>One trial of a dry run: the plan's trial (with its network's parameter count), the trial whose
/// result the cache would reuse (then it costs nothing), its reference cost and the rate it is priced at.</summary>
public sealed record DryRunTrial(PlannedTrial Trial, long? CachedFrom, TrialCost? Cost, EpochRate Rate)
{
    public long Parameters => Trial.Parameters;

    /// <summary>Its seconds of training here, all its planned epochs and its end: 0 when the cache answers it.</summary>
    public double EstimatedSeconds => CachedFrom is null && Cost is not null ? Rate.Seconds(Cost, Cost.Epochs) : 0;
}
