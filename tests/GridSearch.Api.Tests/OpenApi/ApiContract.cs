using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace GridSearch.Api.Tests.OpenApi;

/// <summary>
/// The API's OpenAPI document as served, and checks of JSON against its schemas. OpenAPI 3.0's schemas are
/// turned into JSON Schema 2020-12 for the validator: nullable becomes a "null" type, boolean
/// exclusiveMinimum/Maximum become numeric ones, and component references point into $defs.
/// </summary>
internal sealed class ApiContract
{
    private const string ComponentsPrefix = "#/components/schemas/";

    private readonly JsonObject definitions;

    private ApiContract(JsonObject document)
    {
        Document = document;
        definitions = [];
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            definitions[name] = Convert(schema!.DeepClone());
        }

        Operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => new ApiOperation(
                operation.Value!["operationId"]?.GetValue<string>() ?? "",
                operation.Key.ToUpperInvariant(),
                path.Key,
                operation.Value!.AsObject())))
            .ToList();
    }

    public JsonObject Document { get; }

    public IReadOnlyList<ApiOperation> Operations { get; }

    public static async Task<ApiContract> FetchAsync(HttpClient client) =>
        new(await client.GetFromJsonAsync<JsonObject>("/swagger/v1/swagger.json") ?? throw new InvalidOperationException("No document."));

    public ApiOperation this[string operationId] =>
        Operations.SingleOrDefault(o => o.Id == operationId) ?? throw new KeyNotFoundException($"The document has no operation {operationId}.");

    /// <summary>The problems of <paramref name="instance"/> against a schema of the document (a component's
    /// reference, or a schema taken from an operation); empty when it conforms.</summary>
    public IReadOnlyList<string> Problems(JsonNode schema, JsonElement instance)
    {
        var root = (JsonObject)Convert(schema.DeepClone());
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = definitions.DeepClone();
        var built = JsonSchema.Build(
            JsonSerializer.SerializeToElement(root),
            new BuildOptions(),
            new Uri($"https://gridsearch.test/{Guid.NewGuid():N}"));
        var results = built.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [results])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation} ({detail.EvaluationPath}): {error.Value}"))];
    }

    public JsonNode Component(string name) => new JsonObject { ["$ref"] = ComponentsPrefix + name };

    /// <summary>One OpenAPI 3.0 schema (and everything in it) as JSON Schema 2020-12.</summary>
    private static JsonNode Convert(JsonNode node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = array[i] is null ? null : Convert(array[i]!.DeepClone());
                }

                return array;
            case JsonObject schema:
                foreach (var key in schema.Select(p => p.Key).ToList())
                {
                    // Property names, enum values and defaults are data, not schemas.
                    if (key is "properties")
                    {
                        foreach (var name in schema[key]!.AsObject().Select(p => p.Key).ToList())
                        {
                            schema[key]![name] = Convert(schema[key]![name]!.DeepClone());
                        }
                    }
                    else if (key is "items" or "allOf" or "oneOf" or "anyOf" or "not" || (key == "additionalProperties" && schema[key] is JsonObject))
                    {
                        schema[key] = Convert(schema[key]!.DeepClone());
                    }
                    else if (key is "$ref" && schema[key]!.GetValue<string>().StartsWith(ComponentsPrefix, StringComparison.Ordinal))
                    {
                        schema[key] = "#/$defs/" + schema[key]!.GetValue<string>()[ComponentsPrefix.Length..];
                    }
                }

                Exclusive(schema, "exclusiveMinimum", "minimum");
                Exclusive(schema, "exclusiveMaximum", "maximum");
                if (schema["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
                {
                    schema.Remove("nullable");
                    if (schema["type"] is JsonValue type)
                    {
                        schema["type"] = new JsonArray(type.GetValue<string>(), "null");
                        if (schema["enum"] is JsonArray values)
                        {
                            values.Add(null);
                        }

                        return schema;
                    }

                    return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
                }

                schema.Remove("nullable");
                return schema;
            default:
                return node;
        }
    }

    /// <summary>3.0's <c>exclusiveMinimum: true</c> beside <c>minimum</c> is 2020-12's numeric <c>exclusiveMinimum</c>.</summary>
    private static void Exclusive(JsonObject schema, string exclusive, string bound)
    {
        if (schema[exclusive] is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            schema.Remove(exclusive);
            if (flag.GetValue<bool>() && schema[bound] is { } value)
            {
                schema.Remove(bound);
                schema[exclusive] = value.DeepClone();
            }
        }
    }
}
