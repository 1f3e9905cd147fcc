using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace GridSearch.Cli.Api;

/// <summary>The kept-model endpoints: export, predict, pin.</summary>
internal sealed partial class GridSearchClient
{
    /// <summary>The trial's model (GET /api/trials/{id}/model) as the API sent it: ONNX bytes or config JSON.</summary>
    public async Task<byte[]> GetModelAsync(long trialId, DownloadFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(format);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/trials/{trialId}/model{Query(("format", format.Name))}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(format.MediaType));
        return await SendAsync(request, $"trial {trialId}", (response, token) => response.Content.ReadAsByteArrayAsync(token), cancellationToken);
    }

    public async Task<PredictionsResponse> PredictAsync(long trialId, IReadOnlyList<float[]> images, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/trials/{trialId}/predict") { Content = JsonContent.Create(new { images }) };
        return await SendAsync<PredictionsResponse>(request, $"trial {trialId}", cancellationToken);
    }

    /// <summary>Uploads image files as they are (multipart); the API decodes them and names any it cannot use.</summary>
    public async Task<PredictionsResponse> PredictFilesAsync(long trialId, IReadOnlyList<(string Name, byte[] Bytes)> files, bool invert, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            form.Add(new ByteArrayContent(bytes), "images", name);
        }

        if (invert)
        {
            form.Add(new StringContent("true"), "invert");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/trials/{trialId}/predict") { Content = form };
        return await SendAsync<PredictionsResponse>(request, $"trial {trialId}", cancellationToken);
    }

    public async Task PinAsync(long trialId, bool pinned, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(pinned ? HttpMethod.Post : HttpMethod.Delete, $"api/trials/{trialId}/pin");
        await SendAsync(request, $"trial {trialId}", (_, _) => Task.FromResult(true), cancellationToken);
    }
}
