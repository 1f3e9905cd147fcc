using GridSearch.Cli.Api;
using Spectre.Console;

namespace GridSearch.Cli.Rendering;

/// <summary>A search's trials, one row each, with the hyperparameters that vary between them.</summary>
internal static class TrialsTable
{
    public static Table Of(IReadOnlyList<Trial> trials, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(keys);
        var table = new Table().Border(TableBorder.Simple)
            .AddRightAlignedColumns("#", "trial")
            .AddLeftAlignedColumns(["status", .. keys])
            .AddRightAlignedColumns("test acc", "test loss", "val acc", "val loss", "best epoch")
            .AddLeftAlignedColumns(["stop"])
            .AddRightAlignedColumns("tries", "time");
        foreach (var trial in trials)
        {
            var result = trial.Result;
            table.AddTextRow([
                Formats.Integer(trial.Ordinal),
                Formats.Integer(trial.Id),
                trial.Status,
                .. keys.Select(k => Hyperparameters.Value(trial.Config, k)),
                Formats.Metric(result?.TestAccuracy),
                Formats.Metric(result?.TestLoss),
                Formats.Metric(result?.ValAccuracy),
                Formats.Metric(result?.ValLoss),
                Formats.Integer(result?.BestEpoch),
                result?.StopReason ?? Formats.Missing,
                Formats.Integer(trial.Attempts),
                Formats.Duration(trial.Duration),
            ]);
        }

        return table;
    }
}
