using System.Net;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Dashboard;

/// <summary>The dashboard's endpoints on the wire: its event stream and its export.</summary>
public sealed class DashboardEndpointTests
{
    private static readonly object FourTrials = new
    {
        name = "dash",
        dataset = "mnist",
        model = "mlp",
        grid = new { depth = new[] { 1, 2 }, width = new[] { 16, 32 } },
    };

    /// <summary>A search whose four trials all succeeded, finished the way a worker would.</summary>
    private static async Task<long> CompletedSearchAsync(ApiHost api)
    {
        var id = await api.SubmitAsync(FourTrials);
        foreach (var accuracy in new[] { 0.91, 0.92, 0.93, 0.94 })
        {
            await api.FinishNextAsync(accuracy);
        }

        return id;
    }

    [Fact]
    public async Task SearchEvents_StreamTheSearchAndItsTrials_AsServerSentEvents()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await CompletedSearchAsync(api);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await api.Client.GetAsync($"/api/searches/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var events = new Dictionary<string, JsonElement>();
        string? type = null;
        while (events.Count < 2 && await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
            {
                events[type] = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        Assert.Equal(4, events["trials"].GetArrayLength());
        Assert.All(events["trials"].EnumerateArray(), t => Assert.Equal("succeeded", t.GetProperty("status").GetString()));
        Assert.Equal("completed", events["search"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task SearchEvents_WithEveryPollSwitchedOff_AreWokenByTheQueuesChangeNotification()
    {
        // Every poll an hour long: only a change notification heard by the API's listener can wake the stream.
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:SafetyPoll"] = "01:00:00",
            ["Dashboard:Poll"] = "01:00:00",
            ["Dashboard:SettledPoll"] = "01:00:00",
        });
        var id = await api.SubmitAsync(FourTrials);
        // Listening before the stream opens, so the wake-up every stream gets when the listener connects is over.
        await Eventually.HoldsAsync(
            async () => await api.Database.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'") > 0,
            TimeSpan.FromSeconds(20),
            () => "the API never listened");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await api.Client.GetAsync($"/api/searches/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var first = await NextEventAsync(reader, "trials", cancel.Token);
        Assert.All(first.EnumerateArray(), t => Assert.Equal("queued", t.GetProperty("status").GetString()));

        var finished = await api.FinishNextAsync(0.93);
        using var woken = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // The claim may be shown first (running), then the completion; each only once a notification woke the stream.
        while (!(await NextEventAsync(reader, "trials", woken.Token)).EnumerateArray()
            .Any(t => t.GetProperty("id").GetInt64() == finished.TrialId && t.GetProperty("status").GetString() == "succeeded"))
        {
        }
    }

    /// <summary>The data of the stream's next event of the given type.</summary>
    private static async Task<JsonElement> NextEventAsync(StreamReader reader, string wanted, CancellationToken cancellationToken)
    {
        string? type = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == wanted)
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new EndOfStreamException($"The stream ended before a '{wanted}' event.");
    }

    [Fact]
    public async Task SearchEventsAndExport_OfAMissingSearch_Are404_AndAnUnknownFormatIs400()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await CompletedSearchAsync(api);

        using var events = await api.Client.GetAsync("/api/searches/999999/events");
        using var export = await api.Client.GetAsync("/api/searches/999999/export?format=csv");
        using var xml = await api.Client.GetAsync($"/api/searches/{id}/export?format=xml");
        using var csv = await api.Client.GetAsync($"/api/searches/{id}/export");

        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"search-{id}-trials.csv", csv.Content.Headers.ContentDisposition?.FileName);
    }
}
