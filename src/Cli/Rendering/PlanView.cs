using Spectre.Console;
using Spectre.Console.Rendering;

namespace GridSearch.Cli.Rendering;

/// <summary>A dry run: one row per trial (its grid point, its repeat when the search repeats its configurations,
/// parameters, epochs, the cached result it would reuse, estimated time), then the totals and what the estimate rests on.</summary>
internal static class PlanView
{
    public static IRenderable Of(SearchPlanResponse plan, Hyperparameters hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        var axes = plan.Trials.Count > 0 ? hyperparameters.For(plan.Trials[0].GridPoint) : [];
        var repeated = plan.Repeats > 1;
        var table = new Table().Border(TableBorder.Simple)
            .AddRightAlignedColumns("#")
            .AddLeftAlignedColumns(axes.Select(a => a.Name))
            .AddRightAlignedColumns([.. repeated ? ["repeat"] : Array.Empty<string>(), "parameters", "epochs", "cached from", "estimated time"]);
        foreach (var trial in plan.Trials)
        {
            table.AddTextRow([
                Formats.Integer(trial.Ordinal + 1),
                .. axes.Select(a => hyperparameters.Value(a, trial.GridPoint, default)),
                .. repeated ? [Formats.Integer(trial.Repeat)] : Array.Empty<string>(),
                Formats.Count(trial.ParameterCount),
                Formats.Integer(trial.Epochs),
                trial.CachedFrom is { } source ? $"trial {source}" : "",
                trial.CachedFrom is null ? Formats.Duration(TimeSpan.FromSeconds(trial.EstimatedSeconds)) : "cached",
            ]);
        }

        var workers = Formats.Plural(plan.Workers, "worker slot") + $" ({plan.FreeSlots} free now"
            + (plan.TrialsAhead > 0 ? $", behind {Formats.Plural(plan.TrialsAhead, "trial")} of other searches)" : ")");
        return new Rows(
            new Markup($"[bold]dry run of {Markup.Escape(plan.Name)}[/] ({Markup.Escape(plan.Dataset)} {Markup.Escape(plan.Model)}): nothing was submitted"),
            table,
            new Text($"{Formats.Plural(plan.TrialCount, "trial")}"
                + (repeated ? $" ({Formats.Plural(plan.TrialCount / plan.Repeats, "configuration")} × {plan.Repeats} repeats, seed + 0 to {plan.Repeats - 1})" : "")
                + $": {plan.Cached} answered by the result cache, {plan.ToTrain} to train"
                + (plan.Collapsed > 0 ? $" ({Formats.Plural(plan.Collapsed, "more grid point")} {(plan.Collapsed == 1 ? "makes" : "make")} the same network as another, trained once)" : "")),
            new Text($"estimated training time {Formats.Duration(TimeSpan.FromSeconds(plan.EstimatedSeconds))}; wall time {Formats.Duration(TimeSpan.FromSeconds(plan.EstimatedWallSeconds))} on {workers}"),
            new Text($"estimate {plan.EstimateBasis}: {plan.EstimateDetail}"),
            // TPE chooses the rest when workers claim them: the table and the estimates cover the warm starts only.
            new Text(plan.Strategy is { } strategy ? $"tpe: {strategy}" : ""));
    }
}
