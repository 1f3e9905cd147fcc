using System.Text.Json;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Trials;

/// <summary>The one JSON form of a <see cref="TrialConfig"/>: stored in the database, hashed, and
/// served by the API. Property order is the record's declaration order, so the text is stable; enums
/// are written by <see cref="VocabularyJson"/>, so "leaky_relu" here is "leaky_relu" everywhere.</summary>
public static class TrialConfigJson
{
    public static JsonSerializerOptions Options => VocabularyJson.Options;

    public static string Serialize(TrialConfig config) => JsonSerializer.Serialize(config, Options);

    public static TrialConfig Deserialize(string json) =>
        JsonSerializer.Deserialize<TrialConfig>(json, Options)
        ?? throw new JsonException("A trial config was null.");
}
