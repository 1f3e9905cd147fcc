using System.Text.Json;
using GridSearch.Contracts.Leaderboard;

namespace GridSearch.Contracts.Searches;

/// <summary>A search as the API shows it: <see cref="Definition"/> is what the user submitted, and
/// <see cref="Axes"/> the axes it varies in grid order (each trial's grid point has these);
/// <see cref="StopReason"/> the limit of its definition that stopped it (time_limit, target_reached,
/// max_trials), null while none has. <see cref="Epochs"/> only for a single search (GET /api/searches/{id}
/// and its event stream), null in lists. <see cref="Repeats"/>: how many times it trains each configuration
/// (its definition's repeats; each trial's repeat is 0 to this - 1).</summary>
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
    DateTimeOffset? FinishedAt,
    string? StopReason = null,
    DateTimeOffset? StoppedAt = null)
{
    public EpochProgressResponse? Epochs { get; init; }

    public int Repeats { get; init; } = 1;
}
