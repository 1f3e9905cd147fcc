using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridSearch.Api.Hosting;
using GridSearch.Api.Searches;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Dashboard;

/// <summary>The dashboard's server side: live updates as Server-Sent Events.</summary>
public static class DashboardApi
{
    /// <summary>The least time between two reads of one stream: changes that come faster are sent together.
    /// How often a stream reads otherwise is <see cref="EventStreamOptions"/>'.</summary>
    public static readonly TimeSpan ReadInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a browser waits before reconnecting a dropped stream.</summary>
    public static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(2);

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        var searches = app.MapGroup("/api/searches").WithTags("Dashboard");
        searches.MapGet("/events", StreamSearches)
            .WithSummary("Server-Sent Events: a page of searches (event 'searches'), sent again whenever it changes.");
        searches.MapGet("/{id:long}/events", StreamSearch)
            .WithSummary("Server-Sent Events: the search ('search'), then changed trials ('trials') and new epochs ('epochs') as they happen.");
    }

    public static Results<ServerSentEventsResult<string>, ValidationProblem> StreamSearches(
        int? page, int? pageSize, SearchService service, SearchChangeHub changes, EventStreamOptions streams, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var options = StreamOptions(json);
        var last = "";
        return TypedResults.ServerSentEvents(Stream(
            async token =>
            {
                var result = await service.ListAsync(number, size, token);
                var data = JsonSerializer.Serialize(new PageResponse<SearchResponse>(result.Items.Select(SearchResponses.From).ToList(), result.Number, result.Size, result.Total), options);
                var changed = data != last;
                last = data;
                return (changed ? [new SseItem<string>(data, "searches")] : [], streams.Poll);
            },
            changes.Subscribe(null),
            streams.SafetyPoll,
            cancellationToken,
            lifetime.ApplicationStopping));
    }

    public static async Task<Results<ServerSentEventsResult<string>, NotFound>> StreamSearch(
        long id, SearchService service, SearchEvents reads, SearchChangeHub changes, EventStreamOptions streams, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        if (await service.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var feed = new SearchEventFeed(id, service, reads, StreamOptions(json));
        return TypedResults.ServerSentEvents(Stream(
            async token => await feed.PollAsync(token) is { } events ? (events, feed.IsSettled ? streams.SettledPoll : streams.Poll) : null,
            changes.Subscribe(id),
            streams.SafetyPoll,
            cancellationToken,
            lifetime.ApplicationStopping));
    }

    /// <summary>The API's JSON options, except that a diverged trial's NaN loss is written rather than
    /// failing the whole stream.</summary>
    private static JsonSerializerOptions StreamOptions(IOptions<JsonOptions> json) =>
        new(json.Value.SerializerOptions) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// Reads, then reads again when the followed search changes (a change notification; at most once per
    /// <see cref="ReadInterval"/>, and at least once per <paramref name="safetyPoll"/>), or, while
    /// notifications are not heard, after the poll's own interval; until the client goes away or the API
    /// stops, yielding what each read returns. A read that returns null ends the stream. Ending it (rather
    /// than throwing) on shutdown lets the host stop at once instead of waiting for open streams.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Stream(
        Func<CancellationToken, Task<(List<SseItem<string>> Events, TimeSpan Next)?>> poll,
        ChangeSubscription changes,
        TimeSpan safetyPoll,
        CancellationToken requestAborted,
        CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var subscription = changes;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping, cancellationToken);
        var first = true;
        while (true)
        {
            if (await PollQuietlyAsync(poll, stop.Token) is not { } result)
            {
                yield break;
            }

            // The gap runs from the end of a read, as the polling did: a busy search whose reads are slow
            // is re-read no more often than before.
            var read = Stopwatch.GetTimestamp();

            foreach (var item in result.Events)
            {
                yield return first ? item with { ReconnectionInterval = ReconnectAfter } : item;
                first = false;
            }

            if (!await WaitQuietlyAsync(subscription, safetyPoll, result.Next, stop.Token))
            {
                yield break;
            }

            // Changes keep coming while a search runs: sent together, once per interval at most.
            if (!await DelayQuietlyAsync(ReadInterval - Stopwatch.GetElapsedTime(read), stop.Token))
            {
                yield break;
            }
        }
    }

    /// <summary>Waits for a change of the followed search, or the safety poll; while no changes are heard,
    /// for the poll's own interval. False when the stream is to end.</summary>
    private static async Task<bool> WaitQuietlyAsync(ChangeSubscription subscription, TimeSpan safetyPoll, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        try
        {
            await subscription.WaitAsync(subscription.IsLive ? safetyPoll : pollInterval, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<(List<SseItem<string>> Events, TimeSpan Next)?> PollQuietlyAsync(
        Func<CancellationToken, Task<(List<SseItem<string>> Events, TimeSpan Next)?>> poll, CancellationToken cancellationToken)
    {
        try
        {
            return await poll(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<bool> DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
