using System.Text.Json;
using GridSearch.Contracts.Leaderboard;

namespace GridSearch.Contracts.Searches;

/// <summary>A search as the API shows it: <see cref="Definition"/> is what the user submitted, and
/// <see cref="Axes"/> the axes it varies in grid order (each trial's grid point has these).</summary>
public sealed record SearchResponse(
    long Id,
    string Name,
    string Dataset,
    string Model,
    string Status,
    JsonElement Definition,
    IReadOnlyList<string> Axes,
    int TrialCount,
    TrialCountsResponse Counts,
    LeaderboardEntryResponse? Best,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
