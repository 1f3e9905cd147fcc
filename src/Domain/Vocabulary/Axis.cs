using System.Globalization;
using System.Text.Json;
using GridSearch.Domain.Trials;

namespace GridSearch.Domain.Vocabulary;

/// <summary>
/// One hyperparameter a search may vary (in <c>grid</c>) or pin (in <c>fixed</c>): its name, type,
/// default, allowed values (bounds, choices, <paramref name="Odd"/> for integers that must be odd), the
/// model family it applies to, what else it needs to mean something (<paramref name="AppliesWhen"/>) and its
/// description. Its place in
/// <see cref="AxisCatalog.All"/> is both its display order and the grid's expansion order.
/// </summary>
public sealed record Axis(
    string Name,
    AxisKind Kind,
    object? Default,
    string Description,
    double Min = double.NegativeInfinity,
    double Max = double.PositiveInfinity,
    bool MinExclusive = false,
    bool MaxExclusive = false,
    Type? EnumType = null,
    ModelFamily? OnlyFor = null,
    string? DefaultLabel = null,
    bool Odd = false,
    AxisCondition? AppliesWhen = null)
{
    /// <summary>Lists print with this between their items (Talos's way: 512-256, relu-tanh).</summary>
    public const string ListSeparator = "-";

    /// <summary>Whether this axis means something to the trial: its model family, and its condition, if any.</summary>
    public bool AppliesTo(TrialConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return AppliesToModel(config.Model) && (AppliesWhen?.Holds(config) ?? true);
    }

    /// <summary>Whether this axis belongs to every model family or to <paramref name="model"/>.</summary>
    public bool AppliesToModel(ModelFamily model) => OnlyFor is null || OnlyFor == model;

    /// <summary>A config's value of this axis as tables and the export show it: the <see cref="DefaultLabel"/> where
    /// the value is the default it names (trainSize 0 is "all"), else the value itself.</summary>
    public JsonElement Labelled(JsonElement value) =>
        DefaultLabel is not null && JsonElement.DeepEquals(value, JsonSerializer.SerializeToElement(Default, VocabularyJson.Options))
            ? JsonSerializer.SerializeToElement(DefaultLabel)
            : value;

    public bool IsNumeric => Kind is AxisKind.Integer or AxisKind.Number;

    /// <summary>The names a definition may give, for choice and activation axes; null for the others.</summary>
    public IReadOnlyList<string>? Choices => EnumType is null ? null : EnumNames.Choices(EnumType);

    /// <summary>The axis's position in the catalog: where it sorts in tables and in the grid.</summary>
    public int Order => AxisCatalog.OrderOf(Name);

    /// <summary>Checks one numeric value against the axis's bounds; null when it is fine.</summary>
    public string? CheckRange(double value)
    {
        var belowMin = MinExclusive ? value <= Min : value < Min;
        var aboveMax = MaxExclusive ? value >= Max : value > Max;
        if (!belowMin && !aboveMax)
        {
            return null;
        }

        return $"must be {Bounds()}, got {Format(value)}";
    }

    /// <summary>"&gt;= 1 and &lt;= 32"; empty for an unbounded axis.</summary>
    public string Bounds()
    {
        var low = double.IsNegativeInfinity(Min) ? "" : (MinExclusive ? "> " : ">= ") + Format(Min);
        var high = double.IsPositiveInfinity(Max) ? "" : (MaxExclusive ? "< " : "<= ") + Format(Max);
        return string.Join(" and ", new[] { low, high }.Where(b => b.Length > 0));
    }

    /// <summary>How a value of this axis prints in tables and CSV: names as they are, numbers
    /// invariantly, lists joined with <see cref="ListSeparator"/>.</summary>
    public static string Print(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => string.Join(ListSeparator, value.EnumerateArray().Select(Print)),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
