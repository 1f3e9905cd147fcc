using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing;
using GridSearch.Testing.Api;
using GridSearch.Testing.Processes;

namespace GridSearch.Worker.Tests.Support;

/// <summary>Reading a search through the API while real workers run it.</summary>
internal static class SearchWatch
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static async Task<JsonElement> GetAsync(ApiHost api, string url) => await api.Client.GetFromJsonAsync<JsonElement>(url);

    /// <summary>Waits until the search has <paramref name="status"/>; on a timeout the workers' output tells why.</summary>
    public static async Task WaitForStatusAsync(ApiHost api, long searchId, string status, params DotnetProcess[] workers) =>
        await Eventually.HoldsAsync(
            async () => (await GetAsync(api, $"/api/searches/{searchId}")).GetProperty("status").GetString() == status,
            Patience,
            () => string.Join("\n---\n", workers.Select(w => w.Output)));
}
