using System.Text.Json;

namespace GridSearch.Contracts.Vocabulary;

/// <summary>One axis of the vocabulary. <see cref="Default"/> is the value a trial gets when the search
/// does not name the axis (null: none), <see cref="DefaultLabel"/> what that means when the value alone
/// does not say it; <see cref="Model"/> is null when the axis applies to every model family, and
/// <see cref="AppliesWhen"/> says what else it needs to mean something (null: nothing), for instance
/// "batchNorm is true"; where that does not hold, a trial takes the default.</summary>
public sealed record AxisResponse(
    string Name,
    int Order,
    string Type,
    string? Model,
    string? AppliesWhen,
    JsonElement? Default,
    string? DefaultLabel,
    IReadOnlyList<string>? Choices,
    double? Min,
    bool MinExclusive,
    double? Max,
    bool MaxExclusive,
    string Bounds,
    string Description);
