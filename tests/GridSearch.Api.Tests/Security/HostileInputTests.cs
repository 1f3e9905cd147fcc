using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Security;

/// <summary>
/// Malformed, oversized and hostile requests to every endpoint: each must get a 4xx ProblemDetails and
/// leave every table as it was. One host serves them all; every failure is listed at once.
/// </summary>
public sealed class HostileInputTests
{
    private const string Valid = """
        { "name": "hostile", "dataset": "mnist", "model": "mlp", "grid": { "width": [16, 32] }, "fixed": { "epochs": 1 } }
        """;

    private const string Tables = """
        SELECT string_agg(format('%s:%s:%s', t, n, h), ' ' ORDER BY t) FROM (
          SELECT 'searches' t, count(*) n, md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) h FROM searches s
          UNION ALL SELECT 'trials', count(*), md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM trials r
          UNION ALL SELECT 'epochs', count(*), md5(coalesce(string_agg(e::text, ',' ORDER BY e.trial_id, e.number), '')) FROM epochs e
          UNION ALL SELECT 'api_keys', count(*), md5(coalesce(string_agg(k::text, ',' ORDER BY k.id), '')) FROM api_keys k
        ) x
        """;

    /// <summary>One hostile request: what it sends, and a name for the failure list.</summary>
    private sealed record Case(string Name, HttpMethod Method, string Path, byte[]? Body = null, string? ContentType = "application/json", (string Name, string Value)[]? Headers = null)
    {
        public static Case Post(string name, string path, string body) => new(name, HttpMethod.Post, path, Encoding.UTF8.GetBytes(body));

        public static Case Get(string path) => new("GET " + path, HttpMethod.Get, path);

        public HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(Method, Path);
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
                }
            }

            foreach (var (header, value) in Headers ?? [])
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }

            return request;
        }
    }

    private static string Nest(int depth) => new string('[', depth) + new string(']', depth);

    private static string WithName(string nameJson) => Valid.Replace("\"hostile\"", nameJson, StringComparison.Ordinal);

    private static string WithFixed(string fixedJson) => Valid.Replace("""{ "epochs": 1 }""", fixedJson, StringComparison.Ordinal);

    private static string WithGrid(string gridJson) => Valid.Replace("""{ "width": [16, 32] }""", gridJson, StringComparison.Ordinal);

    private static IEnumerable<Case> SearchBodies()
    {
        const string path = "/api/searches";
        string[] bodies =
        [
            "", "{", "}", "not json", "[]", "null", "42", "\"text\"", "true", "{\"name\": }", "{\"name\": \"x\",}", "{'name': 'x'}",
            "{ \"a\": " + Nest(100) + " }",
            "{ \"grid\": { \"width\": " + Nest(31) + " } }",
            WithGrid("{ \"width\": [" + string.Join(',', Enumerable.Range(1, 100_000)) + "] }"),
            WithGrid("{ \"width\": [16, 32, 64, 128, 256, 512, 1024], \"depth\": [1, 2, 3, 4, 5, 6, 7], \"learningRate\": [0.1, 0.01, 0.001, 0.0001, 0.2, 0.3, 0.4], \"batchSize\": [8, 16, 32, 64, 128, 256, 512], \"dropout\": [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] }"),
            WithName("\"a\\u0000b\""),
            WithName("\"\\ud800\""),
            WithName("\"\\udfff tail\""),
            WithName("\"" + new string('n', 201) + "\""),
            WithName("\"" + new string('n', 5000) + "\""),
            WithName("5"), WithName("[]"), WithName("{}"), WithName("null"), WithName("\"   \""),
            Valid.Replace("\"mnist\"", "\"mn\\u0000ist\"", StringComparison.Ordinal),
            Valid.Replace("\"mnist\"", "[\"mnist\"]", StringComparison.Ordinal),
            Valid.Replace("\"mlp\"", "\"\\ud83d\"", StringComparison.Ordinal),
            Valid.Replace("\"name\"", "\"na\\u0000me\"", StringComparison.Ordinal),
            Valid.Replace("\"name\"", "\"\\ud800\"", StringComparison.Ordinal),
            WithGrid("\"width\""), WithGrid("[]"), WithGrid("{ \"width\": 16 }"), WithGrid("{ \"width\": [] }"), WithGrid("{ \"width\": [\"wide\"] }"),
            WithGrid("{ \"width\": [16, 16] }"),
            WithGrid("{ \"width\": [1e400] }"), WithGrid("{ \"width\": [99999999999999999999999999] }"), WithGrid("{ \"width\": [-1] }"),
            WithGrid("{ \"width\": [16.5] }"), WithGrid("{ \"learningRate\": [1e-400] }"), WithGrid("{ \"learningRate\": [1e308] }"),
            WithGrid("{ \"activation\": [\"re\\u0000lu\"] }"), WithGrid("{ \"activation\": [\"\\ud800\"] }"), WithGrid("{ \"\\ud800\": [1] }"),
            WithGrid("{ \"width\": [16], \"width\": [32] }"),
            WithFixed("{ \"epochs\": 1e10 }"), WithFixed("{ \"epochs\": 9223372036854775808 }"), WithFixed("{ \"epochs\": -1 }"),
            WithFixed("{ \"epochs\": \"1\" }"), WithFixed("{ \"batchSize\": 2147483648 }"), WithFixed("{ \"optimizer\": \"a\\u0000\" }"),
            WithFixed("{ \"learningRate\": \"NaN\" }"), WithFixed("{ \"trainSize\": 1e20 }"), WithFixed("[]"),
            Valid.Replace("\"seed\"", "\"seed\"", StringComparison.Ordinal).Replace("{ \"name\"", "{ \"seed\": 1e400, \"name\"", StringComparison.Ordinal),
            Valid.Replace("{ \"name\"", "{ \"seed\": \"x\", \"name\"", StringComparison.Ordinal),
            Valid.Replace("{ \"name\"", "{ \"seed\": -99999999999999999999, \"name\"", StringComparison.Ordinal),
            Valid.Replace("{ \"name\"", "{ \"extra\": \"\\u0000\", \"name\"", StringComparison.Ordinal),
        ];
        var i = 0;
        foreach (var body in bodies)
        {
            yield return Case.Post($"POST {path} body #{i++}: {(body.Length > 80 ? body[..80] + "…" : body)}", path, body);
        }

        // Not UTF-8 at all, and UTF-8 with an encoded surrogate (CESU-8), which is invalid UTF-8.
        yield return new Case("POST search: invalid UTF-8", HttpMethod.Post, path, [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
        yield return new Case("POST search: CESU-8 surrogate", HttpMethod.Post, path, [.. Encoding.UTF8.GetBytes("{\"name\": \""), 0xed, 0xa0, 0x80, .. Encoding.UTF8.GetBytes("\"}")]);
        yield return new Case("POST search: over 1 MiB", HttpMethod.Post, path, Encoding.UTF8.GetBytes(WithName("\"" + new string('x', 1_100_000) + "\"")));
        yield return new Case("POST search: no content type, junk", HttpMethod.Post, path, Encoding.UTF8.GetBytes("junk"), ContentType: null);

        // A valid body behind a bad Idempotency-Key: refused before anything is written.
        // (An empty header is not sent at all by HttpClient; the API treats one that arrives as a bad key.)
        string[] keys = [" ", new string('k', 201), new string('k', 20_000), "nul\0key", "tab\tkey"];
        foreach (var key in keys)
        {
            yield return new Case($"POST search: Idempotency-Key '{(key.Length > 20 ? key[..20] + "…" : key)}'", HttpMethod.Post, path, Encoding.UTF8.GetBytes(Valid), Headers: [("Idempotency-Key", key)]);
        }
    }

    private static IEnumerable<Case> KeyBodies()
    {
        string[] bodies =
        [
            "", "{", "[]", "null", "\"admin\"", "{ \"name\": 5, \"scope\": \"read\" }", "{ \"name\": \"x\" }", "{ \"scope\": \"read\" }",
            "{ \"name\": \"x\", \"scope\": \"root\" }", "{ \"name\": \"x\", \"scope\": \"ADMIN\" }", "{ \"name\": \"x\", \"scope\": [\"admin\"] }",
            "{ \"name\": \"a\\u0000b\", \"scope\": \"read\" }", "{ \"name\": \"\\ud800\", \"scope\": \"read\" }",
            "{ \"name\": \"" + new string('n', 101) + "\", \"scope\": \"read\" }", "{ \"name\": \"   \", \"scope\": \"read\" }",
            "{ \"name\": \"x\", \"scope\": \"read\", \"secret\": \"gs_chosen\" }", "{ \"name\": " + Nest(64) + ", \"scope\": \"read\" }",
        ];
        var i = 0;
        foreach (var body in bodies)
        {
            yield return Case.Post($"POST /api/keys body #{i++}: {(body.Length > 80 ? body[..80] + "…" : body)}", "/api/keys", body);
        }

        yield return new Case("POST /api/keys: over 1 MiB", HttpMethod.Post, "/api/keys", Encoding.UTF8.GetBytes("{ \"name\": \"" + new string('x', 1_100_000) + "\", \"scope\": \"read\" }"));
    }

    private static IEnumerable<Case> Routes(long search, long trial)
    {
        // A NUL in the path (%00) is refused by Kestrel itself, and by the test server before sending.
        string[] ids = ["99999999999999999999", "-1", "0", "abc", "1.5", "%20", "9223372036854775807", "-9223372036854775808", "1%2F2", "..%2F..%2Fetc"];
        foreach (var id in ids)
        {
            yield return Case.Get($"/api/searches/{id}");
            yield return Case.Get($"/api/searches/{id}/trials");
            yield return Case.Get($"/api/searches/{id}/leaderboard");
            yield return Case.Get($"/api/searches/{id}/export");
            yield return Case.Get($"/api/searches/{id}/events");
            yield return Case.Get($"/api/trials/{id}");
            yield return new Case($"POST cancel {id}", HttpMethod.Post, $"/api/searches/{id}/cancel");
            yield return Case.Post($"POST evaluate {id}", $"/api/searches/{id}/evaluate", """{ "top": 1, "folds": 2 }""");
            yield return Case.Get($"/api/searches/{id}/evaluations");
            yield return new Case($"DELETE key {id}", HttpMethod.Delete, $"/api/keys/{id}");
        }

        string[] paging = ["page=0", "page=-1", "page=abc", "page=99999999999", "page=1e3", "pageSize=0", "pageSize=501", "pageSize=-5", "pageSize=%00", "page=1&page=2"];
        foreach (var query in paging)
        {
            yield return Case.Get($"/api/searches?{query}");
            yield return Case.Get($"/api/searches/{search}/trials?{query}");
            yield return Case.Get($"/api/searches/events?{query}");
        }

        string[] trialFilters = ["sort=bogus", "sort=--ordinal", "sort=%00", "sort=" + new string('s', 5000), "status=bogus", "status=1", "status=%00", "status=queued%00"];
        foreach (var query in trialFilters)
        {
            yield return Case.Get($"/api/searches/{search}/trials?{query}");
        }

        string[] evaluations = ["", "null", "[]", "3", "{", """{ "top": 0 }""", """{ "folds": 1 }""", """{ "folds": 21 }""", """{ "top": 1e99 }""",
            """{ "top": "3" }""", """{ "top": 1.5 }""", """{ "top": 1, "folds": 2, "fold": 0 }""", """{ "\u0000": 1 }""", """{ "top": [1] }""", Nest(100)];
        foreach (var body in evaluations)
        {
            yield return Case.Post($"POST evaluate '{(body.Length > 30 ? body[..30] + "…" : body)}'", $"/api/searches/{search}/evaluate", body);
        }

        string[] boards = ["top=0", "top=1001", "top=abc", "top=-1", "top=99999999999", "metric=bogus", "metric=%00", "metric=cvAccuracy%00", "dataset=bogus", "dataset=%00", "dataset=" + new string('d', 5000)];
        foreach (var query in boards)
        {
            yield return Case.Get($"/api/leaderboard?{query}");
            if (!query.StartsWith("dataset", StringComparison.Ordinal))
            {
                yield return Case.Get($"/api/searches/{search}/leaderboard?{query}");
            }
        }

        foreach (var format in new[] { "xml", "CSV", "%00", "", "csv%00" })
        {
            if (format.Length > 0)
            {
                yield return Case.Get($"/api/searches/{search}/export?format={format}");
            }
        }

        yield return Case.Get($"/api/trials/{trial}/nothing");
        yield return Case.Get("/api/nothing");
        yield return new Case("PUT searches", HttpMethod.Put, "/api/searches", Encoding.UTF8.GetBytes(Valid));
        yield return new Case("DELETE search", HttpMethod.Delete, $"/api/searches/{search}");
        yield return new Case("PATCH trial", HttpMethod.Patch, $"/api/trials/{trial}", Encoding.UTF8.GetBytes("{}"));
    }

    private static IEnumerable<Case> BadAuthorization(long search)
    {
        string[] headers = ["Bearer", "Bearer ", "Bearer gs_unknown", "Basic Zm9vOmJhcg==", "bearer " + new string('x', 300), "Bearer \u00e9t\u00e9", "Bearer a b c", "Token gs_x", "Bearer gs_x, Bearer gs_y"];
        foreach (var header in headers)
        {
            yield return new Case($"GET searches, Authorization '{(header.Length > 30 ? header[..30] + "…" : header)}'", HttpMethod.Get, "/api/searches", Headers: [("Authorization", header)]);
            yield return new Case($"POST search, Authorization '{(header.Length > 30 ? header[..30] + "…" : header)}'", HttpMethod.Post, "/api/searches", Encoding.UTF8.GetBytes(Valid), Headers: [("Authorization", header)]);
            yield return new Case($"POST cancel, Authorization '{(header.Length > 30 ? header[..30] + "…" : header)}'", HttpMethod.Post, $"/api/searches/{search}/cancel", Headers: [("Authorization", header)]);
            yield return new Case($"POST keys, Authorization '{(header.Length > 30 ? header[..30] + "…" : header)}'", HttpMethod.Post, "/api/keys", Encoding.UTF8.GetBytes("{ \"name\": \"x\", \"scope\": \"admin\" }"), Headers: [("Authorization", header)]);
        }

        yield return Case.Get($"/api/searches/{search}/events?access_token=gs_unknown");
        yield return Case.Get($"/api/searches/{search}/export?access_token=");
        yield return Case.Get($"/api/searches/events?access_token=a&access_token=b");
    }

    [Fact]
    public async Task HostileRequests_ToEveryEndpoint_Get4xxProblemDetails_AndChangeNothing()
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["GridSearch:Limits:SubmissionsPerWindow"] = "100000" });
        var search = await api.SubmitAsync(System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(Valid));
        var trial = (await api.FinishNextAsync(0.9)).TrialId;
        var before = await TablesAsync(api);
        var cases = SearchBodies().Concat(KeyBodies()).Concat(Routes(search, trial)).Concat(BadAuthorization(search)).ToList();

        var failures = new List<string>();
        foreach (var hostile in cases)
        {
            using var request = hostile.Request();
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                using var response = await api.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status is < 400 or > 499 || type != "application/problem+json")
                {
                    var body = type == "text/event-stream" ? "(a stream)" : await response.Content.ReadAsStringAsync(cancel.Token);
                    failures.Add($"{hostile.Name} → {status} {type}: {(body.Length > 300 ? body[..300] : body)}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or FormatException or OperationCanceledException)
            {
                failures.Add($"{hostile.Name} → {e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} hostile requests were not answered with a 4xx ProblemDetails:\n" + string.Join('\n', failures));
        Assert.Equal(before, await TablesAsync(api));
    }

    private static async Task<string> TablesAsync(ApiHost api)
    {
        await using var command = api.Database.DataSource.CreateCommand(Tables);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }
}
