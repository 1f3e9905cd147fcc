using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridSearch.Api.Dashboard;
using GridSearch.Api.Leaderboard;
using GridSearch.Api.Searches;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Search;
using GridSearch.Domain.Leaderboard;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GridSearch.Api.Snapshots;

/// <summary>
/// What the API reads about running searches, read once per change however many ask: each search's status
/// (GET /api/searches/{id}, the 404 checks, the streams' <c>search</c> event), its trials and epochs (its
/// event streams), its leaderboards, and the pages of the searches list (their streams). Each is a
/// <see cref="SharedRead{T}"/>: the queue's change notifications (<see cref="SearchChangeHub"/>) mark the
/// search's values, and every page of the list, to be read again, by whichever caller comes next, once for
/// all. Entries nobody asked for in <see cref="IdleFor"/> and no stream follows are dropped.
/// </summary>
public sealed class SearchSnapshots
{
    /// <summary>How long an entry nobody asks for is kept.</summary>
    public static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<long, SharedRead<SearchStatusView?>> statuses = new();
    private readonly ConcurrentDictionary<long, SharedRead<TrialFeed>> feeds = new();
    private readonly ConcurrentDictionary<BoardKey, SharedRead<IReadOnlyList<LeaderboardEntryResponse>>> boards = new();
    private readonly ConcurrentDictionary<(int Page, int Size), SharedRead<string>> lists = new();
    private readonly IServiceScopeFactory scopes;
    private readonly JsonSerializerOptions json;
    private readonly TimeSpan safetyAge;
    private readonly CancellationToken lifetime;
    private long reads;
    private long lastSweep = Stopwatch.GetTimestamp();

    public SearchSnapshots(IServiceScopeFactory scopes, IOptions<JsonOptions> json, EventStreamOptions streams, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(lifetime);
        this.scopes = scopes;
        // The API's JSON, except that a diverged trial's NaN loss is written rather than failing a whole stream.
        this.json = new JsonSerializerOptions(json.Value.SerializerOptions) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        safetyAge = streams.SafetyPoll;
        this.lifetime = lifetime.ApplicationStopping;
    }

    /// <summary>Whether change notifications are heard now; set by the listener through <see cref="SearchChangeHub"/>.</summary>
    public ListenerState Listener { get; } = new();

    /// <summary>Database reads these values have taken so far, of every kind: what many streams and readers cost.</summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <summary>The search's status, for a request; null when there is no such search.</summary>
    public Task<SearchStatusView?> StatusAsync(long searchId, CancellationToken cancellationToken) =>
        StatusEntry(searchId).GetAsync(TimeSpan.Zero, TimeSpan.Zero, cancellationToken);

    /// <summary>The search's status for its event streams: read at most once per <see cref="DashboardApi.ReadInterval"/>
    /// for all of them, and while no notifications are heard, a value <paramref name="staleness"/> old will do.</summary>
    internal Task<SearchStatusView?> StreamedStatusAsync(long searchId, TimeSpan staleness, CancellationToken cancellationToken) =>
        StatusEntry(searchId).GetAsync(staleness, DashboardApi.ReadInterval, cancellationToken);

    /// <summary>The search's trials and running epochs, for its event streams (as <see cref="StreamedStatusAsync"/>).</summary>
    internal Task<TrialFeed> FeedAsync(long searchId, TimeSpan staleness, CancellationToken cancellationToken) =>
        Get(feeds, searchId, _ => (previous, ct) => ReadFeedAsync(previous, searchId, ct)).GetAsync(staleness, DashboardApi.ReadInterval, cancellationToken);

    /// <summary>A leaderboard of the search (the caller checked it exists).</summary>
    public Task<IReadOnlyList<LeaderboardEntryResponse>> LeaderboardAsync(long searchId, int top, LeaderboardMetric metric, bool includePruned, RankBy rankBy, CancellationToken cancellationToken)
    {
        var key = new BoardKey(searchId, top, metric, includePruned, rankBy);
        return Get(boards, key, _ => (_, ct) => ReadBoardAsync(key, ct)).GetAsync(TimeSpan.Zero, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>A page of the searches list as its event stream sends it (a serialized <see cref="PageResponse{T}"/>;
    /// as <see cref="StreamedStatusAsync"/>).</summary>
    internal Task<string> ListAsync(int page, int size, TimeSpan staleness, CancellationToken cancellationToken) =>
        Get(lists, (page, size), _ => (_, ct) => ReadListAsync(page, size, ct)).GetAsync(staleness, DashboardApi.ReadInterval, cancellationToken);

    /// <summary>Keeps the search's status and feed while a stream follows it; dispose to let go.</summary>
    internal IDisposable Follow(long searchId)
    {
        var status = StatusEntry(searchId);
        var feed = Get(feeds, searchId, _ => (previous, ct) => ReadFeedAsync(previous, searchId, ct));
        status.Follow();
        feed.Follow();
        return new Following(() =>
        {
            status.Unfollow();
            feed.Unfollow();
        });
    }

    /// <summary>The search changed (a notification, or a write of this API): its values and every page of the list are read again.</summary>
    internal void Invalidate(long searchId)
    {
        if (statuses.TryGetValue(searchId, out var status))
        {
            status.Invalidate();
        }

        if (feeds.TryGetValue(searchId, out var feed))
        {
            feed.Invalidate();
        }

        foreach (var (key, board) in boards)
        {
            if (key.SearchId == searchId)
            {
                board.Invalidate();
            }
        }

        foreach (var list in lists.Values)
        {
            list.Invalidate();
        }
    }

    /// <summary>Changes may have gone unheard (the listener came up or went down): everything is read again.</summary>
    internal void InvalidateAll()
    {
        foreach (var entry in statuses.Values)
        {
            entry.Invalidate();
        }

        foreach (var entry in feeds.Values)
        {
            entry.Invalidate();
        }

        foreach (var entry in boards.Values)
        {
            entry.Invalidate();
        }

        foreach (var entry in lists.Values)
        {
            entry.Invalidate();
        }
    }

    private SharedRead<T> Get<TKey, T>(ConcurrentDictionary<TKey, SharedRead<T>> entries, TKey key, Func<TKey, Func<T?, CancellationToken, Task<T>>> reader)
        where TKey : notnull
    {
        SweepNowAndThen();
        var entry = entries.GetOrAdd(key, k => new SharedRead<T>(reader(k), Listener, safetyAge, () => Interlocked.Increment(ref reads), lifetime));
        entry.Touch();
        return entry;
    }

    private SharedRead<SearchStatusView?> StatusEntry(long searchId) => Get<long, SearchStatusView?>(statuses, searchId, _ => ReadStatusAsync(searchId));

    private Func<SearchStatusView?, CancellationToken, Task<SearchStatusView?>> ReadStatusAsync(long searchId) => async (_, ct) =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var progress = await scope.ServiceProvider.GetRequiredService<SearchService>().GetAsync(searchId, ct);
        return progress is null ? null : new SearchStatusView(progress, json);
    };

    private async Task<TrialFeed> ReadFeedAsync(TrialFeed? previous, long searchId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await TrialFeed.ReadAsync(previous, searchId, scope.ServiceProvider.GetRequiredService<SearchEvents>(), json, ct);
    }

    private async Task<IReadOnlyList<LeaderboardEntryResponse>> ReadBoardAsync(BoardKey key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<LeaderboardQuery>().ForSearchAsync(key.SearchId, key.Top, key.Metric, key.IncludePruned, key.RankBy, ct);
        return [.. entries.Select(LeaderboardEntryResponses.From)];
    }

    private async Task<string> ReadListAsync(int page, int size, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SearchService>().ListAsync(page, size, ct);
        return JsonSerializer.Serialize(new PageResponse<SearchResponse>([.. result.Items.Select(SearchResponses.From)], result.Number, result.Size, result.Total), json);
    }

    /// <summary>At most once per <see cref="IdleFor"/>: drops the entries nobody asked for in that long, follows or is reading.</summary>
    private void SweepNowAndThen()
    {
        var last = Interlocked.Read(ref lastSweep);
        if (Stopwatch.GetElapsedTime(last) < IdleFor || Interlocked.CompareExchange(ref lastSweep, Stopwatch.GetTimestamp(), last) != last)
        {
            return;
        }

        Sweep(statuses);
        Sweep(feeds);
        Sweep(boards);
        Sweep(lists);
    }

    private static void Sweep<TKey, T>(ConcurrentDictionary<TKey, SharedRead<T>> entries)
        where TKey : notnull
    {
        foreach (var (key, entry) in entries)
        {
            if (!entry.IsFollowed && !entry.IsReading && entry.Idle > IdleFor)
            {
                entries.TryRemove(new KeyValuePair<TKey, SharedRead<T>>(key, entry));
            }
        }
    }

    private readonly record struct BoardKey(long SearchId, int Top, LeaderboardMetric Metric, bool IncludePruned, RankBy RankBy);

    private sealed class Following(Action release) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                release();
            }
        }
    }
}
