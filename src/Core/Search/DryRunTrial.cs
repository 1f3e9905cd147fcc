using GridSearch.Domain.Planning;
namespace GridSearch.Core.Search;

/// <summary>One trial of a dry run: the plan's trial (with its network's parameter count), the trial whose
/// result the cache would reuse (then it costs nothing), and its estimated seconds of training.</summary>
public sealed record DryRunTrial(PlannedTrial Trial, long? CachedFrom, double EstimatedSeconds)
{
    public long Parameters => Trial.Parameters;
}
