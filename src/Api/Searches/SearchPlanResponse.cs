using GridSearch.Core.Search;

namespace GridSearch.Api.Searches;

/// <summary>
/// A dry run's answer (POST /api/searches/plan): the trials the definition makes, how many the result
/// cache would answer, and the estimated cost. <see cref="EstimateBasis"/> says what the seconds rest
/// on: "measured" (this installation's finished trials of the same dataset and model) or "default" (a
/// stated rough rate); <see cref="EstimateDetail"/> says it in words. The wall time hands the trials to
/// the <see cref="Workers"/> worker slots seen in the last minutes (at least 1), as if they were idle.
/// </summary>
public sealed record SearchPlanResponse(
    string Name,
    string Dataset,
    string Model,
    int TrialCount,
    int Cached,
    int ToTrain,
    double EstimatedSeconds,
    double EstimatedWallSeconds,
    int Workers,
    string EstimateBasis,
    string EstimateDetail,
    double SecondsPerParameterSample,
    IReadOnlyList<PlannedTrialResponse> Trials)
{
    public static SearchPlanResponse From(SearchDryRun dryRun)
    {
        ArgumentNullException.ThrowIfNull(dryRun);
        var plan = dryRun.Plan;
        return new SearchPlanResponse(
            plan.Name,
            Core.Vocabulary.EnumNames.Of(plan.Dataset),
            Core.Vocabulary.EnumNames.Of(plan.Model),
            dryRun.Trials.Count,
            dryRun.Cached,
            dryRun.Trials.Count - dryRun.Cached,
            dryRun.EstimatedSeconds,
            dryRun.EstimatedWallSeconds,
            dryRun.Workers,
            dryRun.Rate.Basis,
            dryRun.Rate.Description,
            dryRun.Rate.SecondsPerParameterSample,
            [.. dryRun.Trials.Select(PlannedTrialResponse.From)]);
    }
}
