using System.Text.Json.Nodes;

namespace GridSearch.Api.Tests.OpenApi;

/// <summary>One operation of the API's document: its id, method, path and description.</summary>
internal sealed record ApiOperation(string Id, string Method, string Path, JsonObject Description)
{
    public JsonNode? RequestSchema => Description["requestBody"]?["content"]?["application/json"]?["schema"];
}
