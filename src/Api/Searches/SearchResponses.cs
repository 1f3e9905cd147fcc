using System.Text.Json;
using GridSearch.Api.Leaderboard;
using GridSearch.Core.Search;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Api.Searches;

/// <summary>Builds the <see cref="SearchResponse"/> contract from a search's progress.</summary>
public static class SearchResponses
{
    public static SearchResponse From(SearchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var search = progress.Search;
        var counts = progress.Counts;
        var definition = JsonSerializer.Deserialize<JsonElement>(search.Definition);
        return new SearchResponse(
            search.Id,
            search.Name,
            search.Dataset,
            search.Model,
            EnumNames.Of(progress.Status),
            definition,
            SearchPlanner.VaryingAxes(definition),
            search.TrialCount,
            new TrialCountsResponse(counts.Queued, counts.Running, counts.Succeeded, counts.Failed, counts.Cancelled),
            progress.Best is null ? null : LeaderboardEntryResponses.From(progress.Best),
            search.CreatedAt,
            progress.StartedAt,
            progress.FinishedAt,
            search.StopReason,
            search.StoppedAt)
        {
            Repeats = SearchPlanner.RepeatsOf(definition),
            Epochs = progress.Epochs is { } epochs ? new EpochProgressResponse(epochs.Done, epochs.Planned, progress.EstimatedSecondsLeft) : null,
        };
    }
}
