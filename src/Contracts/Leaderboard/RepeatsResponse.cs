namespace GridSearch.Contracts.Leaderboard;

/// <summary>A search board entry's configuration over its finished repeats (trials of one grid point, one
/// per seed): <see cref="N"/> values of <see cref="Metric"/>, their mean, sample standard deviation and 95%
/// confidence interval of the mean (<see cref="Low"/>..<see cref="High"/>, Student's t with n − 1 degrees
/// of freedom; these three null when n &lt; 2), min and max, the repeats' trial ids, and
/// <see cref="TiedWithBest"/>: true when Welch's two-sided t-test cannot tell its mean from the board's
/// best at α = 0.05 (the best's own is true), false when it can, null when it or the best has n &lt; 2.</summary>
public sealed record RepeatsResponse(
    string Metric,
    int N,
    double Mean,
    double? StandardDeviation,
    double? Low,
    double? High,
    double Min,
    double Max,
    IReadOnlyList<long> TrialIds,
    bool? TiedWithBest);
