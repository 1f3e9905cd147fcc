using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridSearch.Domain.Vocabulary;

/// <summary>The one JSON form of the vocabulary's values: camelCase properties, enums as snake_case
/// names (or their <see cref="JsonStringEnumMemberNameAttribute"/>). Trial configs, grid points and
/// the published vocabulary are all written with it, so a name is spelled the same everywhere.</summary>
public static class VocabularyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>A value as JSON text: "relu", 128, [512,256], true.</summary>
    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);
}
