using GridSearch.Cli.Api;
using Spectre.Console;

namespace GridSearch.Cli.Rendering;

/// <summary>A search's trials, one row each, with the hyperparameters that tell them apart
/// (<see cref="Hyperparameters.For(SearchResponse, System.Text.Json.JsonElement)"/>) and, for a search that
/// repeats its configurations, which repeat each is.</summary>
internal static class TrialsTable
{
    public static Table Of(IReadOnlyList<TrialResponse> trials, Hyperparameters hyperparameters, IReadOnlyList<HyperparameterColumn> columns, bool repeated = false)
    {
        var table = TableRows.NewTable()
            .AddRightAlignedColumns("#", "trial")
            .AddLeftAlignedColumns(["status", "chosen by", .. columns.Select(c => c.Name)])
            .AddRightAlignedColumns(repeated ? ["repeat"] : [])
            .AddRightAlignedColumns([.. FinalMetrics.Headers, "best epoch"])
            .AddLeftAlignedColumns(["stop"])
            .AddRightAlignedColumns("tries", "time");
        foreach (var trial in trials)
        {
            var result = trial.Result;
            table.AddTextRow([
                Formats.Integer(trial.Ordinal),
                Formats.Integer(trial.Id),
                trial.Status,
                trial.ChosenBy ?? Formats.Missing,
                .. columns.Select(c => hyperparameters.Value(c, trial.GridPoint, trial.Config)),
                .. repeated ? [Formats.Integer(trial.Repeat)] : Array.Empty<string>(),
                .. FinalMetrics.Cells(result?.TestAccuracy, result?.TestLoss, result?.ValAccuracy, result?.ValLoss),
                Formats.Integer(result?.BestEpoch),
                result?.StopReason ?? Formats.Missing,
                Formats.Integer(trial.Attempts),
                Formats.Duration(trial.Duration),
            ]);
        }

        return table;
    }
}
