namespace GridSearch.Contracts.Searches;

/// <summary>
/// A dry run's answer (POST /api/searches/plan): the trials the definition makes, how many the result
/// cache would answer, and the estimated cost. Seconds are each trial's reference cost (its network's
/// forward-pass work, its training, validation and test images, its epochs) times a rate: "measured"
/// (<see cref="EstimateBasis"/>) from the recent trials most like it, which ran under the load there was, or
/// "default" (the calibrated reference) when nothing has trained yet; <see cref="EstimateDetail"/> says which
/// in words and <see cref="RateFactor"/> is the rate (seconds here per reference second). The wall time hands
/// the trials to the <see cref="Workers"/> slots of the live workers (at least 1), of which
/// <see cref="FreeSlots"/> are free now, behind the <see cref="TrialsAhead"/> trials of other searches that
/// are running or queued. <see cref="Repeats"/> is how many times each configuration trains (the definition's
/// repeats: <see cref="TrialCount"/> is configurations × it); <see cref="Collapsed"/> counts the grid points left
/// out because another point makes the same network.
/// </summary>
public sealed record SearchPlanResponse(
    string Name,
    string Dataset,
    string Model,
    int TrialCount,
    int Repeats,
    int Collapsed,
    int Cached,
    int ToTrain,
    double EstimatedSeconds,
    double EstimatedWallSeconds,
    int Workers,
    int FreeSlots,
    int TrialsAhead,
    string EstimateBasis,
    string EstimateDetail,
    double RateFactor,
    IReadOnlyList<PlannedTrialResponse> Trials)
{
    /// <summary>A TPE search's plan in words ("40 trials: 2 warm-start points, then 10 startup trials drawn at random,
    /// then suggested by TPE from the finished ones"); <see cref="Trials"/> and the estimates then cover the warm-start
    /// points only, the configurations TPE suggests being unknown until claimed. Null for a grid or random search.</summary>
    public string? Strategy { get; init; }
}
