using System.Text.Json;
using GridSearch.Core.Vocabulary;

namespace GridSearch.Api.Vocabulary;

/// <summary>One axis of the vocabulary. <see cref="Default"/> is the value a trial gets when the search
/// does not name the axis (null: none), <see cref="DefaultLabel"/> what that means when the value alone
/// does not say it; <see cref="Model"/> is null when the axis applies to every model family.</summary>
public sealed record AxisResponse(
    string Name,
    int Order,
    string Type,
    string? Model,
    JsonElement? Default,
    string? DefaultLabel,
    IReadOnlyList<string>? Choices,
    double? Min,
    bool MinExclusive,
    double? Max,
    bool MaxExclusive,
    string Bounds,
    string Description)
{
    public static AxisResponse From(Axis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        return new AxisResponse(
            axis.Name,
            axis.Order,
            JsonNamingPolicy.SnakeCaseLower.ConvertName(axis.Kind.ToString()),
            axis.OnlyFor is { } family ? EnumNames.Of(family) : null,
            axis.Default is null ? null : JsonSerializer.SerializeToElement(axis.Default, axis.Default.GetType(), VocabularyJson.Options),
            axis.DefaultLabel,
            axis.Choices,
            double.IsFinite(axis.Min) ? axis.Min : null,
            axis.MinExclusive,
            double.IsFinite(axis.Max) ? axis.Max : null,
            axis.MaxExclusive,
            axis.Bounds(),
            axis.Description);
    }
}
