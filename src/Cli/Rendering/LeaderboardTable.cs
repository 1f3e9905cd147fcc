using GridSearch.Cli.Api;
using Spectre.Console;

namespace GridSearch.Cli.Rendering;

/// <summary>The best trials, best first, with the hyperparameters that tell them apart.</summary>
internal static class LeaderboardTable
{
    public static Table Of(IReadOnlyList<LeaderboardEntryResponse> entries, Hyperparameters hyperparameters, IReadOnlyList<HyperparameterColumn> columns)
    {
        var table = TableRows.NewTable().AddRightAlignedColumns(["rank", "trial", "search", .. FinalMetrics.Headers])
            .AddLeftAlignedColumns(columns.Select(c => c.Name));
        foreach (var entry in entries)
        {
            table.AddTextRow([
                Formats.Integer(entry.Rank),
                Formats.Integer(entry.TrialId),
                Formats.Integer(entry.SearchId),
                .. FinalMetrics.Cells(entry.TestAccuracy, entry.TestLoss, entry.ValAccuracy, entry.ValLoss),
                .. columns.Select(c => hyperparameters.Value(c, entry.GridPoint, entry.Config)),
            ]);
        }

        return table;
    }
}
