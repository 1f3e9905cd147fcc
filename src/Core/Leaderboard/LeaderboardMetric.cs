namespace GridSearch.Core.Leaderboard;

/// <summary>What a leaderboard ranks by: accuracies higher first, losses lower first.</summary>
public enum LeaderboardMetric
{
    TestAccuracy,
    TestLoss,
    ValAccuracy,
    ValLoss,
}
