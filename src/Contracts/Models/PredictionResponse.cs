using System.Text.Json.Serialization;

namespace GridSearch.Contracts.Models;

/// <summary>One image's most probable class and every class's probability.</summary>
public sealed record PredictionResponse([property: JsonPropertyName("class")] int Class, IReadOnlyList<float> Probabilities);
