using Spectre.Console;

namespace GridSearch.Cli.Rendering;

/// <summary>The best trials, best first, with the hyperparameters that tell them apart.</summary>
internal static class LeaderboardTable
{
    public static Table Of(IReadOnlyList<LeaderboardEntryResponse> entries, Hyperparameters hyperparameters, IReadOnlyList<HyperparameterColumn> columns)
    {
        // The cross-validated board's entries say how their folds did, before the trial's own metrics.
        var crossValidated = entries.Any(e => e.Folds is not null);
        // Repeated configurations say how their repeats did, before the best repeat's own metrics.
        var repeated = Repeated(entries);
        var table = TableRows.NewTable().AddRightAlignedColumns(["rank", "trial", "search", .. crossValidated ? CrossValidation.Headers : [], .. repeated ? RepeatCells.Headers : [], .. FinalMetrics.Headers])
            .AddLeftAlignedColumns(columns.Select(c => c.Name));
        foreach (var entry in entries)
        {
            table.AddTextRow([
                Formats.Integer(entry.Rank),
                Formats.Integer(entry.TrialId),
                Formats.Integer(entry.SearchId),
                .. crossValidated ? CrossValidation.Cells(entry.CvAccuracy, entry.CvStandardDeviation, entry.FoldsDone, entry.Folds) : [],
                .. repeated ? RepeatCells.Of(entry.Repeats) : [],
                .. FinalMetrics.Cells(entry.TestAccuracy, entry.TestLoss, entry.ValAccuracy, entry.ValLoss),
                .. columns.Select(c => hyperparameters.Value(c, entry.GridPoint, entry.Config)),
            ]);
        }

        return table;
    }

    /// <summary>Whether any configuration of the board has more than one finished repeat: then the board shows the repeats.</summary>
    public static bool Repeated(IReadOnlyList<LeaderboardEntryResponse> entries) => entries.Any(e => e.Repeats is { N: > 1 });

    /// <summary>The line under a board with repeats that explains its mark.</summary>
    public static string Footnote => $"{RepeatCells.TiedMark} tied with the best: Welch's t-test cannot tell its mean from rank 1's at 5%; ± is the half-width of the mean's 95% interval.";
}
