using System.Globalization;

namespace GridSearch.Cli.Rendering;

/// <summary>A configuration's repeats as a board's cells: <c>98.05% ± 0.07 (n=5)</c> (an accuracy's mean and
/// interval half-width in percentage points; a loss's in its own unit), min–max, and the mark of a tie with the best.</summary>
internal static class RepeatCells
{
    public const string TiedMark = "≈";

    public static IReadOnlyList<string> Headers { get; } = ["mean ± 95%", "min–max", "tied"];

    public static IReadOnlyList<string> Of(RepeatsResponse? repeats)
    {
        if (repeats is null)
        {
            return [Formats.Missing, Formats.Missing, ""];
        }

        var percent = repeats.Metric.EndsWith("Accuracy", StringComparison.Ordinal);
        string Value(double v) => percent ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) : v.ToString("0.0000", CultureInfo.InvariantCulture);
        var unit = percent ? "%" : "";
        var spread = repeats.High is { } high ? $" ± {Value(high - repeats.Mean)}" : "";
        return [
            $"{Value(repeats.Mean)}{unit}{spread} (n={repeats.N.ToString(CultureInfo.InvariantCulture)})",
            $"{Value(repeats.Min)}–{Value(repeats.Max)}{unit}",
            repeats.TiedWithBest == true ? TiedMark : "",
        ];
    }
}
