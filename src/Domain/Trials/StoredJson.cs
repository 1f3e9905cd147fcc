using System.Text.Json;
using System.Text.Json.Nodes;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Trials;

/// <summary>
/// PostgreSQL's jsonb keeps no key order (it sorts keys by length), so JSON read back from it is put in
/// the order people read it in before it is shown: a config in <see cref="TrialConfig"/>'s declaration
/// order, a grid point in the vocabulary's (grid) order.
/// </summary>
public static class StoredJson
{
    /// <summary>The config in declaration order; a row that is not a config of today's vocabulary as stored.</summary>
    public static JsonElement Config(string json)
    {
        try
        {
            return JsonSerializer.SerializeToElement(TrialConfigJson.Deserialize(json), TrialConfigJson.Options);
        }
        catch (JsonException)
        {
            using var stored = JsonDocument.Parse(json);
            return stored.RootElement.Clone();
        }
    }

    /// <summary>The grid point with its axes in grid order.</summary>
    public static JsonElement GridPoint(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject point)
        {
            return JsonSerializer.SerializeToElement(JsonNode.Parse(json), VocabularyJson.Options);
        }

        var ordered = new JsonObject();
        foreach (var (name, value) in point.OrderBy(p => AxisCatalog.OrderOf(p.Key)).ToList())
        {
            ordered[name] = value?.DeepClone();
        }

        return JsonSerializer.SerializeToElement(ordered, VocabularyJson.Options);
    }
}
