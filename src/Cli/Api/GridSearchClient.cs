using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridSearch.Cli.Api;

/// <summary>The GridSearch HTTP API, typed. Errors come back as <see cref="ApiException"/> (the API
/// answered) or <see cref="ApiUnreachableException"/> (it did not). With an API key, every request
/// carries it as its bearer token.</summary>
internal sealed partial class GridSearchClient(HttpClient http, string? apiKey = null)
{
    /// <summary>The largest page the API serves.</summary>
    public const int MaxPageSize = 500;

    private VocabularyResponse? vocabulary;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Address => http.BaseAddress is { } address ? ApiAddress.Display(address) : "(no address)";

    /// <summary>A client of its own for the CLI: short connect timeout, so a wrong address fails fast.</summary>
    public static HttpClient CreateHttpClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }, disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <param name="forceNew">A new search even when this definition was submitted before (?new=true).</param>
    public async Task<SearchCreatedResponse> SubmitAsync(string definitionJson, string? idempotencyKey, bool forceNew, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, forceNew ? "api/searches?new=true" : "api/searches")
        {
            Content = new StringContent(definitionJson, Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await SendAsync<SearchCreatedResponse>(request, notFound: "the searches endpoint", cancellationToken);
    }

    /// <summary>A dry run of a definition: validated as a submission is, nothing written.</summary>
    public async Task<SearchPlanResponse> PlanAsync(string definitionJson, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/searches/plan")
        {
            Content = new StringContent(definitionJson, Encoding.UTF8, "application/json"),
        };
        return await SendAsync<SearchPlanResponse>(request, notFound: "the dry-run endpoint", cancellationToken);
    }

    public Task<SearchResponse> GetSearchAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<SearchResponse>($"api/searches/{id}", $"search {id}", cancellationToken);

    public async Task<SearchResponse> CancelSearchAsync(long id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/searches/{id}/cancel");
        return await SendAsync<SearchResponse>(request, $"search {id}", cancellationToken);
    }

    /// <summary>Queues a k-fold cross-validation of the search's best configurations (POST .../evaluate).</summary>
    public async Task<EvaluateResponse> EvaluateAsync(long id, EvaluateRequest evaluation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/searches/{id}/evaluate") { Content = JsonContent.Create(evaluation, options: Json) };
        return await SendAsync<EvaluateResponse>(request, $"search {id}", cancellationToken);
    }

    public Task<PageResponse<TrialResponse>> GetTrialsPageAsync(long searchId, string? status, string? sort, int page, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<PageResponse<TrialResponse>>(
            $"api/searches/{searchId}/trials{Query(("status", status), ("sort", sort), ("page", Text(page)), ("pageSize", Text(pageSize)))}",
            $"search {searchId}",
            cancellationToken);

    /// <summary>A search's trials, page after page, up to <paramref name="limit"/> of them (all when null).</summary>
    public async Task<IReadOnlyList<TrialResponse>> GetTrialsAsync(long searchId, string? status, string? sort, int? limit, CancellationToken cancellationToken)
    {
        var pageSize = Math.Min(MaxPageSize, limit ?? MaxPageSize);
        var trials = new List<TrialResponse>();
        for (var number = 1; ; number++)
        {
            var page = await GetTrialsPageAsync(searchId, status, sort, number, pageSize, cancellationToken);
            trials.AddRange(page.Items);
            if (trials.Count >= limit)
            {
                return trials[..limit.Value];
            }

            if (page.Items.Count < pageSize || (long)number * pageSize >= page.Total)
            {
                return trials;
            }
        }
    }

    public Task<TrialResponse> GetTrialAsync(long id, CancellationToken cancellationToken) =>
        GetAsync<TrialResponse>($"api/trials/{id}", $"trial {id}", cancellationToken);

    /// <summary>One search's leaderboard, or the one across searches when <paramref name="searchId"/> is null;
    /// <paramref name="rankBy"/> (the API's spelling: mean, lowerBound) only for one search's.</summary>
    public Task<IReadOnlyList<LeaderboardEntryResponse>> GetLeaderboardAsync(
        long? searchId, string? dataset, int? top, string? metric, bool includePruned, CancellationToken cancellationToken, string? rankBy = null)
    {
        var pruned = includePruned ? "true" : null;
        return searchId is { } id
            ? GetAsync<IReadOnlyList<LeaderboardEntryResponse>>($"api/searches/{id}/leaderboard{Query(("top", Text(top)), ("metric", metric), ("includePruned", pruned), ("rankBy", rankBy))}", $"search {id}", cancellationToken)
            : GetAsync<IReadOnlyList<LeaderboardEntryResponse>>($"api/leaderboard{Query(("dataset", dataset), ("top", Text(top)), ("metric", metric), ("includePruned", pruned))}", "the leaderboard", cancellationToken);
    }

    public Task<AnalysisResponse> GetAnalysisAsync(long searchId, string? metric, CancellationToken cancellationToken) =>
        GetAsync<AnalysisResponse>($"api/searches/{searchId}/analysis{Query(("metric", metric))}", $"search {searchId}", cancellationToken);

    public Task<HistoryResponse> GetHistoryAsync(long searchId, string? metric, CancellationToken cancellationToken) =>
        GetAsync<HistoryResponse>($"api/searches/{searchId}/history{Query(("metric", metric))}", $"search {searchId}", cancellationToken);

    /// <summary>The vocabulary (GET /api/axes), asked for once per run: it only changes with the service.</summary>
    public async Task<VocabularyResponse> GetVocabularyAsync(CancellationToken cancellationToken) =>
        vocabulary ??= await GetAsync<VocabularyResponse>("api/axes", "the vocabulary (GET /api/axes)", cancellationToken);

    /// <summary>The search's export (GET /api/searches/{id}/export) as the API sent it, byte for byte.</summary>
    public async Task<byte[]> GetExportAsync(long searchId, DownloadFormat format, CancellationToken cancellationToken, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/searches/{searchId}/export{Query(("format", format.Name), ("by", by))}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(format.MediaType));
        return await SendAsync(request, $"search {searchId}", (response, token) => response.Content.ReadAsByteArrayAsync(token), cancellationToken);
    }

    private async Task<T> GetAsync<T>(string path, string notFound, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync<T>(request, notFound, cancellationToken);
    }

    private Task<T> SendAsync<T>(HttpRequestMessage request, string notFound, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return SendAsync(request, notFound, async (response, token) =>
        {
            try
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, token)
                    ?? throw new JsonException("The body was null.");
            }
            catch (JsonException e)
            {
                throw new ApiException($"the API at {Address} answered {request.RequestUri} with something other than GridSearch JSON ({e.Message})", response.StatusCode);
            }
            catch (NotSupportedException e)
            {
                throw new ApiException($"the API at {Address} answered {request.RequestUri} with something other than JSON ({e.Message})", response.StatusCode);
            }
        }, cancellationToken);
    }

    /// <summary>Sends the request and reads a successful answer with <paramref name="read"/>; a 404 is
    /// <paramref name="notFound"/> not found, any other error an <see cref="ApiException"/>.</summary>
    private async Task<T> SendAsync<T>(
        HttpRequestMessage request, string notFound, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new ApiNotFoundException(notFound);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException(Describe(response), response.StatusCode, await ReadProblemAsync(response, cancellationToken));
            }

            return await read(response, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiUnreachableException(Address, Reason(e), e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiUnreachableException(Address, "timed out", e);
        }
    }

    private static async Task<ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDetails>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(HttpResponseMessage response) =>
        $"the API answered {(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}";

    /// <summary>The cause in a few words, e.g. "connection refused", for the one-line error.</summary>
    private static string Reason(HttpRequestException exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
                    SocketError.ConnectionReset => "connection reset",
                    _ => socket.Message,
                };
            }
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host not found",
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.ResponseEnded => "the connection closed before an answer",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            _ => exception.Message.TrimEnd('.'),
        };
    }

    private static string? Text(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
