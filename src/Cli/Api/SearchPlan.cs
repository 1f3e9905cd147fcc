namespace GridSearch.Cli.Api;

/// <summary>A dry run's answer (POST /api/searches/plan): what a definition would cost; nothing was written.</summary>
internal sealed record SearchPlan(
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
    IReadOnlyList<PlannedTrial> Trials);
