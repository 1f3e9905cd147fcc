using GridSearch.Cli.Api;
using Spectre.Console;

namespace GridSearch.Cli.Rendering;

internal static class LeaderboardTable
{
    public static Table Of(IReadOnlyList<LeaderboardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var keys = entries.Count == 0 ? [] : Hyperparameters.KeysToShow(Hyperparameters.Varying(entries.Select(e => e.Config)), entries[0].Config);
        var table = new Table().Border(TableBorder.Simple)
            .AddRightAlignedColumns("rank", "trial", "search", "test acc", "test loss", "val acc", "val loss")
            .AddLeftAlignedColumns(keys);
        foreach (var entry in entries)
        {
            table.AddTextRow([
                Formats.Integer(entry.Rank),
                Formats.Integer(entry.TrialId),
                Formats.Integer(entry.SearchId),
                Formats.Metric(entry.TestAccuracy),
                Formats.Metric(entry.TestLoss),
                Formats.Metric(entry.ValAccuracy),
                Formats.Metric(entry.ValLoss),
                .. keys.Select(k => Hyperparameters.Value(entry.Config, k)),
            ]);
        }

        return table;
    }
}
