using GridSearch.Domain.Analysis;
using GridSearch.Domain.Leaderboard;

namespace GridSearch.Core.Leaderboard;

/// <summary>A search board entry's configuration: the <see cref="Metric"/> of its finished repeats summarized,
/// the repeats' trial ids (ascending), and whether Welch's test cannot tell it from the board's best
/// (<see cref="RankedConfiguration{T}.TiedWithBest"/>).</summary>
public sealed record ConfigurationRepeats(LeaderboardMetric Metric, MetricSummary Summary, IReadOnlyList<long> TrialIds, bool? TiedWithBest);
