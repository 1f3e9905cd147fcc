using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Api.Dashboard;
using GridSearch.Api.Snapshots;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Database;
using Microsoft.Extensions.DependencyInjection;

namespace GridSearch.Api.Tests.Load;

/// <summary>
/// However many watch a search, each change of it is read from the database once: its event streams share one
/// read of the search and its trials (and the searches list's streams one of the list), and the readers of its
/// status and leaderboard are answered from the same reads. Counted twice: the reads the API's snapshots take,
/// and the statements Npgsql sends to the test's database.
/// </summary>
public sealed class SharedReadsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly object FourTrials = new
    {
        name = "watched",
        dataset = "mnist",
        model = "mlp",
        grid = new { depth = new[] { 1, 2 }, width = new[] { 16, 32 } },
    };

    // Only a change notification wakes a stream (every poll an hour), and nothing else reads the database meanwhile.
    private static readonly Dictionary<string, string?> OnlyChanges = new()
    {
        ["Dashboard:SafetyPoll"] = "01:00:00",
        ["Dashboard:Poll"] = "01:00:00",
        ["Dashboard:SettledPoll"] = "01:00:00",
        ["GridSearch:Metrics:RefreshSeconds"] = "3600",
    };

    [Fact]
    public async Task ManyStreamsOnOneSearch_CauseAsManyDatabaseReadsPerChangeAsOneStream()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = ApiHost.StartOn(database, OnlyChanges);
        var id = await api.SubmitAsync(FourTrials);
        await ListeningAsync(api);
        var snapshots = api.Services.GetRequiredService<SearchSnapshots>();
        using var commands = new DatabaseCommands(database.Name);
        var streams = new List<EventStream>();
        var lists = new List<EventStream>();
        try
        {
            streams.Add(await EventStream.OpenAsync(api, $"/api/searches/{id}/events", "search", Patience));
            lists.Add(await EventStream.OpenAsync(api, "/api/searches/events", "searches", Patience));
            var one = await ClaimAndWatchAsync(api, snapshots, commands, streams, lists, running: 1);

            for (var i = 0; i < 39; i++)
            {
                streams.Add(await EventStream.OpenAsync(api, $"/api/searches/{id}/events", "search", Patience));
            }

            for (var i = 0; i < 9; i++)
            {
                lists.Add(await EventStream.OpenAsync(api, "/api/searches/events", "searches", Patience));
            }

            var many = await ClaimAndWatchAsync(api, snapshots, commands, streams, lists, running: 2);

            Assert.True(one.Reads > 0 && one.Commands > 0, $"the change was read: {one.Reads} reads, {one.Commands} statements");
            Assert.Equal(one.Reads, many.Reads);
            Assert.Equal(one.Commands, many.Commands);
        }
        finally
        {
            foreach (var stream in streams.Concat(lists))
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StatusAndLeaderboard_PolledByManyAtOnce_AreReadOncePerChangeAndShowIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = ApiHost.StartOn(database, OnlyChanges);
        var id = await api.SubmitAsync(FourTrials);
        var first = await api.FinishNextAsync(0.91);
        await ListeningAsync(api);
        var snapshots = api.Services.GetRequiredService<SearchSnapshots>();

        var before = snapshots.Reads;
        var bests = await PollAsync(api, id);
        var afterFirst = snapshots.Reads;
        var second = await api.FinishNextAsync(0.95);
        var changed = await PollAsync(api, id);
        var afterSecond = snapshots.Reads;

        Assert.All(bests, best => Assert.Equal(first.TrialId, best));
        Assert.All(changed, best => Assert.Equal(second.TrialId, best));
        // The status (which the leaderboard's existence check shares) and the leaderboard: once each.
        Assert.Equal(2, afterFirst - before);
        Assert.Equal(2, afterSecond - afterFirst);
    }

    /// <summary>Forty readers of the status and forty of the leaderboard at once; the best trial each saw.</summary>
    private static async Task<List<long>> PollAsync(ApiHost api, long id)
    {
        var readers = Enumerable.Range(0, 40).SelectMany(_ => new[]
        {
            Task.Run(async () => (await GetAsync(api, $"/api/searches/{id}")).GetProperty("best").GetProperty("trialId").GetInt64()),
            Task.Run(async () => (await GetAsync(api, $"/api/searches/{id}/leaderboard?top=3"))[0].GetProperty("trialId").GetInt64()),
        });
        return [.. await Task.WhenAll(readers)];
    }

    private static async Task<JsonElement> GetAsync(ApiHost api, string path)
    {
        using var response = await api.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Claims a trial, as a worker would, and waits until every stream showed it running (and every list
    /// stream the search with one trial more running); the snapshots' reads and the statements meanwhile.</summary>
    private static async Task<(long Reads, long Commands)> ClaimAndWatchAsync(
        ApiHost api, SearchSnapshots snapshots, DatabaseCommands commands, List<EventStream> streams, List<EventStream> lists, int running)
    {
        await QuietAsync(snapshots);
        var (reads, sent) = (snapshots.Reads, commands.Count);
        var lease = await api.Queue.ClaimAsync("test-worker", CancellationToken.None) ?? throw new InvalidOperationException("Nothing to claim.");
        await Task.WhenAll(streams.Select(stream => stream.NextAsync(
            (type, data) => type == "trials" && data.EnumerateArray().Any(t => t.GetProperty("id").GetInt64() == lease.TrialId && t.GetProperty("status").GetString() == "running"),
            Patience)));
        await Task.WhenAll(lists.Select(stream => stream.NextAsync(
            (type, data) => type == "searches" && data.GetProperty("items")[0].GetProperty("counts").GetProperty("running").GetInt32() == running,
            Patience)));
        return (snapshots.Reads - reads, commands.Count - sent);
    }

    /// <summary>Until no read has run for longer than a stream waits between two (opening a stream wakes the
    /// list's streams: the test client's own notification, <see cref="ChangesHeard"/>).</summary>
    private static async Task QuietAsync(SearchSnapshots snapshots)
    {
        long reads;
        do
        {
            reads = snapshots.Reads;
            await Task.Delay(DashboardApi.ReadInterval * 2.5);
        }
        while (snapshots.Reads != reads);
    }

    private static Task ListeningAsync(ApiHost api) => Eventually.HoldsAsync(
        () => Task.FromResult(api.Services.GetRequiredService<SearchChangeHub>().IsListening),
        Patience,
        () => "the API never listened");
}
