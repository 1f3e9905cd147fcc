using Spectre.Console;
using Spectre.Console.Rendering;

namespace GridSearch.Cli.Rendering;

/// <summary>A search's optimization history as the console shows it: one row per finished trial, in the order they
/// finished, with what chose it, its value, and the best so far drawn as a bar between the worst and best seen.</summary>
internal static class HistoryView
{
    private const int BarWidth = 20;

    public static IRenderable Of(HistoryResponse history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var bests = history.Trials.Select(t => t.Best).OfType<double>().ToList();
        var values = history.Trials.Select(t => t.Value).OfType<double>().ToList();
        // The bar spans the values seen, worst to best, so the climb shows whatever the metric's scale.
        var (low, high) = values.Count == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        var table = TableRows.NewTable()
            .AddRightAlignedColumns("#", "trial")
            .AddLeftAlignedColumns(["chosen by"])
            .AddRightAlignedColumns(history.Metric, "best so far")
            .AddLeftAlignedColumns([""]);
        foreach (var step in history.Trials)
        {
            table.AddTextRow([
                "#" + Formats.Integer(step.Number),
                Formats.Integer(step.TrialId),
                step.ChosenBy ?? Formats.Missing,
                Formats.Metric(step.Value) + (step.Pruned ? " (pruned)" : ""),
                Formats.Metric(step.Best),
                Bar(step.Best, low, high, history.HigherIsBetter),
            ]);
        }

        return new Rows(
            TrialView.Heading($"optimization history by {history.Metric} ({Formats.Plural(history.Trials.Count, "finished trial")}; pruned ones do not count toward the best)"),
            bests.Count == 0 ? new Text("no trial has a value of this metric yet.") : table);
    }

    private static string Bar(double? best, double low, double high, bool higherIsBetter)
    {
        if (best is not { } value)
        {
            return "";
        }

        var share = high > low ? (value - low) / (high - low) : 1;
        var filled = (int)Math.Round((higherIsBetter ? share : 1 - share) * BarWidth);
        return new string('█', filled) + new string('·', BarWidth - filled);
    }
}
