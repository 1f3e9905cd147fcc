namespace GridSearch.Domain.Leaderboard;

/// <summary>How a search's board orders its configurations (<see cref="ConfigurationRanking"/>).</summary>
public enum RankBy
{
    /// <summary>By the mean of the configuration's finished repeats.</summary>
    Mean,

    /// <summary>By the pessimistic end of the mean's 95% interval: the lower bound of an accuracy, the
    /// upper bound of a loss; a configuration with one repeat, which has no interval, by its value.</summary>
    LowerBound,
}
