namespace GridSearch.Core.Leaderboard;

/// <summary>One succeeded trial on a leaderboard; <paramref name="Rank"/> starts at 1 for the best. On the
/// cross-validated board the trial is a configuration's source trial and <see cref="CrossValidated"/> its folds;
/// on a search's board it is a configuration's best repeat and <see cref="Repeats"/> all of them.</summary>
public sealed record LeaderboardEntry(
    int Rank,
    long TrialId,
    long SearchId,
    double TestAccuracy,
    double TestLoss,
    double? ValAccuracy,
    double? ValLoss,
    string ConfigJson,
    string GridPointJson)
{
    public CrossValidation.FoldEvaluation? CrossValidated { get; init; }

    public ConfigurationRepeats? Repeats { get; init; }
}
