using GridSearch.Domain.Analysis;

namespace GridSearch.Domain.Leaderboard;

/// <summary>A configuration in its place on a board (1 for the best). <see cref="TiedWithBest"/>: whether
/// Welch's test cannot tell its mean from the best's at 5% (the best's own is true); null when it or the
/// best has fewer than two finished repeats, so there is nothing to test with.</summary>
public sealed record RankedConfiguration<T>(int Rank, T Item, MetricSummary Summary, bool? TiedWithBest);
