using System.Text.Json;
using System.Threading.Channels;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Load;

/// <summary>One open event stream of the API, read in the background as a browser's EventSource would: its
/// events (type and data) in the order they came.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly HttpResponseMessage response;
    private readonly Task reading;
    private readonly Channel<(string Type, JsonElement Data)> events = Channel.CreateUnbounded<(string, JsonElement)>();

    private EventStream(HttpResponseMessage response)
    {
        this.response = response;
        reading = ReadAsync();
    }

    /// <summary>Opens <paramref name="path"/> and waits for the event that ends its first send.</summary>
    public static async Task<EventStream> OpenAsync(ApiHost api, string path, string lastOfFirstSend, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(api);
        var response = await api.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = new EventStream(response);
        await stream.NextAsync((type, _) => type == lastOfFirstSend, patience);
        return stream;
    }

    /// <summary>Waits for an event that matches, skipping those that do not.</summary>
    public async Task<JsonElement> NextAsync(Func<string, JsonElement, bool> wanted, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        using var timeout = new CancellationTokenSource(patience);
        while (true)
        {
            var (type, data) = await events.Reader.ReadAsync(timeout.Token);
            if (wanted(type, data))
            {
                return data;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        response.Dispose();
        stop.Dispose();
    }

    private async Task ReadAsync()
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
        string? type = null;
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type is not null)
            {
                await events.Writer.WriteAsync((type, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()), stop.Token);
            }
        }
    }
}
