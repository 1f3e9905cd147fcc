namespace GridSearch.Core.Search;

/// <summary>One hyperparameter a search may vary (in <c>grid</c>) or pin (in <c>fixed</c>).</summary>
public sealed record Axis(
    string Name,
    AxisKind Kind,
    object? Default,
    string Description,
    double Min = double.NegativeInfinity,
    double Max = double.PositiveInfinity,
    bool MinExclusive = false,
    bool MaxExclusive = false,
    IReadOnlyList<string>? Choices = null,
    string? OnlyFor = null)
{
    public bool IsNumeric => Kind is AxisKind.Integer or AxisKind.Number;

    /// <summary>Checks one numeric value against the axis's bounds; null when it is fine.</summary>
    public string? CheckRange(double value)
    {
        var belowMin = MinExclusive ? value <= Min : value < Min;
        var aboveMax = MaxExclusive ? value >= Max : value > Max;
        if (!belowMin && !aboveMax)
        {
            return null;
        }

        var low = double.IsNegativeInfinity(Min) ? "" : (MinExclusive ? "> " : ">= ") + Format(Min);
        var high = double.IsPositiveInfinity(Max) ? "" : (MaxExclusive ? "< " : "<= ") + Format(Max);
        var bounds = string.Join(" and ", new[] { low, high }.Where(b => b.Length > 0));
        return $"must be {bounds}, got {Format(value)}";
    }

    private static string Format(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
