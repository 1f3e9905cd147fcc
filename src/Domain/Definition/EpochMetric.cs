namespace GridSearch.Domain.Definition;

/// <summary>The validation metrics every epoch reports, which a search's target and pruner act on
/// (test metrics exist only once a trial ends). Named as the leaderboard names them.</summary>
public enum EpochMetric
{
    ValAccuracy,
    ValLoss,
}
