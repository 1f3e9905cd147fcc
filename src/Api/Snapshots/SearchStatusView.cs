using System.Text.Json;
using GridSearch.Api.Searches;
using GridSearch.Core.Search;

namespace GridSearch.Api.Snapshots;

/// <summary>A search's status as one read found it: what GET /api/searches/{id} answers, and the event streams'
/// <c>search</c> event, serialized once for all of them.</summary>
public sealed class SearchStatusView
{
    private readonly Lazy<string> json;

    public SearchStatusView(SearchProgress progress, JsonSerializerOptions streamJson)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Progress = progress;
        Response = SearchResponses.From(progress);
        json = new Lazy<string>(() => JsonSerializer.Serialize(Response, streamJson));
    }

    public SearchProgress Progress { get; }

    public SearchResponse Response { get; }

    /// <summary>The <c>search</c> event's data.</summary>
    public string Json => json.Value;
}
