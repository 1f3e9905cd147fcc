using System.Net.Http.Json;

namespace GridSearch.Cli.Api;

/// <summary>The keys endpoints (admin keys only).</summary>
internal sealed partial class GridSearchClient
{
    public async Task<ApiKeyCreatedResponse> CreateKeyAsync(string name, string scope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/keys") { Content = JsonContent.Create(new { name, scope }) };
        return await SendAsync<ApiKeyCreatedResponse>(request, "the keys endpoint", cancellationToken);
    }

    public Task<IReadOnlyList<ApiKeyResponse>> ListKeysAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<ApiKeyResponse>>("api/keys", "the keys endpoint", cancellationToken);

    public async Task<ApiKeyResponse> RevokeKeyAsync(long id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/keys/{id}");
        return await SendAsync<ApiKeyResponse>(request, $"key {id}", cancellationToken);
    }
}
