using System.Net;
using System.Text.Json;

namespace GridSearch.Dashboard.Tests;

/// <summary>The dashboard's endpoints on the wire, against the same running API as the browser tests.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardEndpointTests(DashboardHost host)
{
    [Fact]
    public async Task SearchEvents_StreamTheSearchAndItsTrials_AsServerSentEvents()
    {
        var id = await host.CompletedSearchAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await host.Client.GetAsync($"/api/searches/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);

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
    public async Task SearchEventsAndExport_OfAMissingSearch_Are404_AndAnUnknownFormatIs400()
    {
        var id = await host.CompletedSearchAsync();

        using var events = await host.Client.GetAsync("/api/searches/999999/events");
        using var export = await host.Client.GetAsync("/api/searches/999999/export?format=csv");
        using var xml = await host.Client.GetAsync($"/api/searches/{id}/export?format=xml");
        using var csv = await host.Client.GetAsync($"/api/searches/{id}/export");

        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"search-{id}-trials.csv", csv.Content.Headers.ContentDisposition?.FileName);
    }
}
