namespace GridSearch.Domain.Leaderboard;

/// <summary>What a leaderboard ranks by: accuracies higher first, losses lower first.</summary>
public enum LeaderboardMetric
{
    TestAccuracy,
    TestLoss,
    ValAccuracy,
    ValLoss,

    /// <summary>Configurations, not trials: the mean validation accuracy of a configuration's
    /// cross-validation folds (<see cref="CrossValidation.FoldRules"/>).</summary>
    CvAccuracy,
}
