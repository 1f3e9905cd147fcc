using GridSearch.Core.Search;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Api.Searches;

/// <summary>Builds the <see cref="SearchPlanResponse"/> contract from a dry run.</summary>
public static class SearchPlanResponses
{
    public static SearchPlanResponse From(SearchDryRun dryRun)
    {
        ArgumentNullException.ThrowIfNull(dryRun);
        return new SearchPlanResponse(
            dryRun.Plan.Name,
            EnumNames.Of(dryRun.Plan.Dataset),
            EnumNames.Of(dryRun.Plan.Model),
            dryRun.Plan.TrialCount,
            dryRun.Plan.Repeats,
            dryRun.Plan.Collapsed,
            dryRun.Cached,
            dryRun.Plan.TrialCount - dryRun.Cached,
            dryRun.EstimatedSeconds,
            dryRun.EstimatedWallSeconds,
            dryRun.Queue.Slots,
            dryRun.Queue.FreeSlots,
            dryRun.TrialsAhead,
            dryRun.Basis,
            dryRun.Detail,
            dryRun.Factor,
            [.. dryRun.Trials.Select(t => new PlannedTrialResponse(
                t.Trial.Ordinal,
                t.Trial.Repeat,
                StoredJson.GridPoint(t.Trial.GridPointJson),
                t.Parameters,
                t.Trial.Config.Epochs,
                t.CachedFrom,
                t.EstimatedSeconds))])
        {
            Strategy = dryRun.Plan.Tpe?.Describe(),
        };
    }
}
