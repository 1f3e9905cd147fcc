using System.Text.Json;
using GridSearch.Api.Leaderboard;
using GridSearch.Core.Search;

namespace GridSearch.Api.Searches;

/// <summary>A search as the API shows it: <see cref="Definition"/> is what the user submitted, and
/// <see cref="Axes"/> the axes it varies in grid order (each trial's grid point has these);
/// <see cref="StopReason"/> the limit of its definition that stopped it (time_limit, target_reached,
/// max_trials), null while none has.</summary>
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
    string? StopReason,
    DateTimeOffset? StoppedAt)
{
    public static SearchResponse From(SearchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var search = progress.Search;
        var counts = progress.Counts;
        var definition = LeaderboardEntryResponse.JsonElementOf(search.Definition);
        return new SearchResponse(
            search.Id,
            search.Name,
            search.Dataset,
            search.Model,
            progress.Status.ToString().ToLowerInvariant(),
            definition,
            SearchPlanner.VaryingAxes(definition),
            search.TrialCount,
            new TrialCountsResponse(counts.Queued, counts.Running, counts.Succeeded, counts.Failed, counts.Cancelled),
            progress.Best is null ? null : LeaderboardEntryResponse.From(progress.Best),
            search.CreatedAt,
            progress.StartedAt,
            progress.FinishedAt,
            search.StopReason,
            search.StoppedAt);
    }
}
