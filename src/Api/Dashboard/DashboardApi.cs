using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using GridSearch.Api.Hosting;
using GridSearch.Api.Snapshots;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Dashboard;

/// <summary>The dashboard's server side: live updates as Server-Sent Events. A stream holds no database
/// connection: it sends what <see cref="SearchSnapshots"/> read once for every stream of its search (or page),
/// and waits for the next change without one.</summary>
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
        int? page, int? pageSize, SearchSnapshots snapshots, SearchChangeHub changes, EventStreamOptions streams, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (number, size) = Paging.Read(page, pageSize, errors);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        string? last = null;
        return TypedResults.ServerSentEvents(Stream(
            async token =>
            {
                // The page as one read found it for every stream on it; sent when it differs from what this one sent.
                var data = await snapshots.ListAsync(number, size, streams.Poll, token);
                var changed = !ReferenceEquals(data, last) && data != last;
                last = data;
                return (changed ? [new SseItem<string>(data, "searches")] : [], streams.Poll);
            },
            changes.Subscribe(null),
            following: null,
            streams.SafetyPoll,
            cancellationToken,
            lifetime.ApplicationStopping));
    }

    public static async Task<Results<ServerSentEventsResult<string>, NotFound>> StreamSearch(
        long id, SearchSnapshots snapshots, SearchChangeHub changes, EventStreamOptions streams, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        if (await snapshots.StatusAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        // What this stream has sent: how far along the shared feed, and the search as it last sent it.
        long sent = 0;
        string? lastSearch = null;
        var settled = false;
        return TypedResults.ServerSentEvents(Stream(
            async token =>
            {
                // While no notifications are heard, a value read within this stream's poll interval will do.
                var staleness = settled ? streams.SettledPoll : streams.Poll;
                var reading = snapshots.FeedAsync(id, staleness, token);
                var status = await snapshots.StreamedStatusAsync(id, staleness, token);
                var feed = await reading;
                if (status is null)
                {
                    return null;
                }

                var events = new List<SseItem<string>>(feed.EventsSince(sent));
                sent = feed.Seq;
                if (!ReferenceEquals(status.Json, lastSearch) && status.Json != lastSearch)
                {
                    lastSearch = status.Json;
                    events.Add(new SseItem<string>(status.Json, "search"));
                }

                settled = status.Progress.FinishedAt is not null;
                return (events, settled ? streams.SettledPoll : streams.Poll);
            },
            changes.Subscribe(id),
            snapshots.Follow(id),
            streams.SafetyPoll,
            cancellationToken,
            lifetime.ApplicationStopping));
    }

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
        IDisposable? following,
        TimeSpan safetyPoll,
        CancellationToken requestAborted,
        CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var subscription = changes;
        using var follow = following;
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
