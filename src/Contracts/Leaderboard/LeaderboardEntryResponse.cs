using System.Text.Json;

namespace GridSearch.Contracts.Leaderboard;

/// <summary>One leaderboard entry. On the cross-validated board (metric=cvAccuracy) the trial is the source of a
/// configuration's cross-validation, and <see cref="CvAccuracy"/> (the mean of its folds' validation
/// accuracies), <see cref="CvStandardDeviation"/>, <see cref="FoldsDone"/> and <see cref="Folds"/> say how it
/// did; they are null on the other boards.</summary>
public sealed record LeaderboardEntryResponse(
    int Rank,
    long TrialId,
    long SearchId,
    double TestAccuracy,
    double TestLoss,
    double? ValAccuracy,
    double? ValLoss,
    JsonElement GridPoint,
    JsonElement Config,
    double? CvAccuracy = null,
    double? CvStandardDeviation = null,
    int? FoldsDone = null,
    int? Folds = null,
    RepeatsResponse? Repeats = null);
