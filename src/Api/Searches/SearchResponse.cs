using GridSearch.Api.Leaderboard;
using GridSearch.Core.Search;

namespace GridSearch.Api.Searches;

public sealed record SearchResponse(
    long Id,
    string Name,
    string Dataset,
    string Model,
    string Status,
    int TrialCount,
    TrialCountsResponse Counts,
    LeaderboardEntryResponse? Best,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public static SearchResponse From(SearchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var search = progress.Search;
        var counts = progress.Counts;
        return new SearchResponse(
            search.Id,
            search.Name,
            search.Dataset,
            search.Model,
            progress.Status.ToString().ToLowerInvariant(),
            search.TrialCount,
            new TrialCountsResponse(counts.Queued, counts.Running, counts.Succeeded, counts.Failed, counts.Cancelled),
            progress.Best is null ? null : LeaderboardEntryResponse.From(progress.Best),
            search.CreatedAt,
            progress.StartedAt,
            progress.FinishedAt);
    }
}
