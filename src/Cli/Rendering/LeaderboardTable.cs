using Spectre.Console;

namespace GridSearch.Cli.Rendering;

/// <summary>The best trials, best first, with the hyperparameters that tell them apart.</summary>
internal static class LeaderboardTable
{
    public static Table Of(IReadOnlyList<LeaderboardEntryResponse> entries, Hyperparameters hyperparameters, IReadOnlyList<HyperparameterColumn> columns)
    {
        // The cross-validated board's entries say how their folds did, before the trial's own metrics.
        var crossValidated = entries.Any(e => e.Folds is not null);
        var table = TableRows.NewTable().AddRightAlignedColumns(["rank", "trial", "search", .. crossValidated ? CrossValidation.Headers : [], .. FinalMetrics.Headers])
            .AddLeftAlignedColumns(columns.Select(c => c.Name));
        foreach (var entry in entries)
        {
            table.AddTextRow([
                Formats.Integer(entry.Rank),
                Formats.Integer(entry.TrialId),
                Formats.Integer(entry.SearchId),
                .. crossValidated ? CrossValidation.Cells(entry.CvAccuracy, entry.CvStandardDeviation, entry.FoldsDone, entry.Folds) : [],
                .. FinalMetrics.Cells(entry.TestAccuracy, entry.TestLoss, entry.ValAccuracy, entry.ValLoss),
                .. columns.Select(c => hyperparameters.Value(c, entry.GridPoint, entry.Config)),
            ]);
        }

        return table;
    }
}
