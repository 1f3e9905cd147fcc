using GridSearch.Domain.Trials;

namespace GridSearch.Core.Search;

/// <summary>The columns of a trial that change while its search runs: cheap to read for every trial
/// of a search, to find the few that changed since the last look.</summary>
public sealed record TrialProgress(long Id, TrialStatus Status, int Attempts, string? Worker, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? TestAccuracy, string? Error);
