namespace GridSearch.Contracts.Searches;

/// <summary>
/// A dry run's answer (POST /api/searches/plan): the trials the definition makes, how many the result
/// cache would answer, and the estimated cost. <see cref="EstimateBasis"/> says what the seconds rest
/// on: "measured" (this installation's finished trials of the same dataset and model) or "default" (a
/// stated rough rate); <see cref="EstimateDetail"/> says it in words. The wall time hands the trials to
/// the <see cref="Workers"/> worker slots seen in the last minutes (at least 1), as if they were idle.
/// <see cref="Repeats"/> counts the grid points left out because another point makes the same network.
/// </summary>
public sealed record SearchPlanResponse(
    string Name,
    string Dataset,
    string Model,
    int TrialCount,
    int Repeats,
    int Cached,
    int ToTrain,
    double EstimatedSeconds,
    double EstimatedWallSeconds,
    int Workers,
    string EstimateBasis,
    string EstimateDetail,
    double SecondsPerParameterSample,
    IReadOnlyList<PlannedTrialResponse> Trials);
