using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GridSearch.Cli.Rendering;

/// <summary>A search's analysis as the console shows it: importance as bars, each axis's values, the front.</summary>
internal static class AnalysisView
{
    private const int BarWidth = 30;

    public static IRenderable Of(AnalysisResponse analysis)
    {
        var parts = new List<IRenderable>
        {
            new Text($"search {analysis.SearchId} by {analysis.Metric}: {analysis.Trials} of {Formats.Plural(analysis.GridTrials, "trial")}; importance {analysis.ImportanceBasis}"),
            Importance(analysis.Axes),
        };
        if (analysis.NoiseFloorBasis is { } basis)
        {
            // The axes' shares of the repeats' variance (column "of repeats") are read against this.
            parts.Insert(1, new Text($"noise floor: {basis}"));
        }

        parts.AddRange(analysis.Axes.Select(Values));
        parts.Add(new Text("Pareto front (test accuracy up; parameters and training seconds down)"));
        parts.Add(Front(analysis.Pareto));
        return new Rows(parts);
    }

    private static Table Importance(IReadOnlyList<AxisAnalysisResponse> axes)
    {
        var repeated = axes.Any(a => a.RepeatShare is not null);
        var table = TableRows.NewTable().AddLeftAlignedColumns(["axis", "importance"]).AddRightAlignedColumns(["share", .. repeated ? ["of repeats"] : Array.Empty<string>(), "spearman"]);
        foreach (var axis in axes)
        {
            var filled = (int)Math.Round(axis.Importance * BarWidth);
            table.AddTextRow([axis.Axis, new string('█', filled) + new string('·', BarWidth - filled),
                axis.Importance.ToString("0.0%", CultureInfo.InvariantCulture),
                .. repeated ? [axis.RepeatShare is { } share ? share.ToString("0.0%", CultureInfo.InvariantCulture) : Formats.Missing] : Array.Empty<string>(),
                axis.Spearman is { } rho ? rho.ToString("0.00", CultureInfo.InvariantCulture) : Formats.Missing]);
        }

        return table;
    }

    private static Table Values(AxisAnalysisResponse axis)
    {
        var table = TableRows.NewTable().AddLeftAlignedColumns([axis.Axis]).AddRightAlignedColumns("trials", "mean", "std", "best");
        foreach (var value in axis.Values)
        {
            table.AddTextRow([value.Value.ToString(), Formats.Integer(value.Trials), Formats.Metric(value.Mean), Formats.Metric(value.StandardDeviation), Formats.Metric(value.Best)]);
        }

        return table;
    }

    private static Table Front(IReadOnlyList<ParetoPointResponse> points)
    {
        var table = TableRows.NewTable().AddRightAlignedColumns("trial", "test acc", "parameters", "seconds");
        foreach (var point in points.Where(p => p.OnFront).OrderByDescending(p => p.TestAccuracy))
        {
            table.AddTextRow([Formats.Integer(point.TrialId), Formats.Metric(point.TestAccuracy), Formats.Count(point.ParameterCount), Formats.Number(point.TrainingSeconds)]);
        }

        return table;
    }
}
