using System.Text.Json;

namespace GridSearch.Contracts.Analysis;

/// <summary>The metric over the configurations with one value of an axis (the value as the search wrote it):
/// <see cref="Trials"/> finished (succeeded, not pruned) trials over <see cref="Configurations"/> configurations;
/// <see cref="Mean"/> and <see cref="StandardDeviation"/> of the configurations' means (each configuration counts
/// once however often it repeated); <see cref="Best"/>, the best single trial's value, and <see cref="BestTrialId"/>;
/// <see cref="GridTrials"/>, the grid's trials with the value in any state (folds aside); <see cref="HighestMean"/>,
/// the axis's best mean (highest accuracy, lowest loss), only when the axis has two values or more. A value
/// none of whose trials has a result yet has null mean, spread and best.</summary>
public sealed record AxisValueResponse(
    JsonElement Value, int Trials, double? Mean, double? StandardDeviation, double? Best,
    long? BestTrialId = null, int Configurations = 0, int GridTrials = 0, bool HighestMean = false);
