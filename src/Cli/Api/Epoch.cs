using System.Text.Json.Serialization;

namespace GridSearch.Cli.Api;

/// <summary>One epoch of a trial's training history.</summary>
internal sealed record Epoch(
    [property: JsonPropertyName("epoch")] int Number,
    double TrainLoss,
    double TrainAccuracy,
    double? ValLoss,
    double? ValAccuracy,
    double LearningRate,
    double Seconds);
