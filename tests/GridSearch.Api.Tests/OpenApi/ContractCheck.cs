using System.Globalization;
using System.Net;
using System.Text.Json;

namespace GridSearch.Api.Tests.OpenApi;

/// <summary>Checks live answers against the document: the status is the one expected and declared for the
/// operation, the media type is one it declares for that status, and a JSON body conforms to its schema.
/// Collects every problem, and which operations and statuses were seen, for one assertion at the end.</summary>
internal sealed class ContractCheck(ApiContract contract)
{
    private readonly List<string> problems = [];
    private readonly HashSet<(string Operation, int Status)> seen = [];

    public IReadOnlyList<string> Problems => problems;

    public IReadOnlyCollection<(string Operation, int Status)> Seen => seen;

    /// <summary>Checks the answer and returns its JSON body (default when it has none or is not JSON).</summary>
    public async Task<JsonElement> CheckAsync(string operationId, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();
        var status = (int)response.StatusCode;
        var where = $"{operationId} {status}";
        seen.Add((operationId, status));
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // An event stream does not end: its headers are all there is to check.
        var body = mediaType == "text/event-stream" ? [0x20] : await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != expected)
        {
            problems.Add($"{where}: expected {(int)expected}; body {System.Text.Encoding.UTF8.GetString(body)}");
        }

        var operation = contract[operationId];
        var declared = operation.Description["responses"]?[status.ToString(CultureInfo.InvariantCulture)];
        if (declared is null)
        {
            problems.Add($"{where}: the document does not declare this status.");
            return default;
        }

        var content = declared["content"]?.AsObject();
        if (body.Length == 0)
        {
            if (content is { Count: > 0 })
            {
                problems.Add($"{where}: empty body, but the document declares {string.Join(", ", content.Select(c => c.Key))}.");
            }

            return default;
        }

        if (mediaType is null || content is null || !content.ContainsKey(mediaType))
        {
            problems.Add($"{where}: answered {mediaType ?? "no media type"}, the document declares {(content is null ? "no body" : string.Join(", ", content.Select(c => c.Key)))}.");
            return default;
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            return default;
        }

        var json = JsonSerializer.Deserialize<JsonElement>(body);
        if (content[mediaType]!["schema"] is { } schema)
        {
            problems.AddRange(contract.Problems(schema, json).Select(p => $"{where}: {p}"));
        }

        return json;
    }
}
