using System.Text.Json.Serialization;

namespace GridSearch.Cli.Api;

/// <summary>One image's most probable class and every class's probability.</summary>
internal sealed record Prediction([property: JsonPropertyName("class")] int Class, IReadOnlyList<float> Probabilities);
