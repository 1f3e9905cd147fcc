using System.Text.Json;
using GridSearch.Cli.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GridSearch.Cli.Rendering;

/// <summary>One trial in full: every hyperparameter, the epoch history and the final metrics.</summary>
internal static class TrialView
{
    public static IRenderable Of(TrialResponse trial, Hyperparameters hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]trial {trial.Id}[/] (search {trial.SearchId}, #{trial.Ordinal}{(trial.Repeat > 0 ? $", repeat {trial.Repeat}" : "")}) {Markup.Escape(trial.Status)}, "
                + $"{Formats.Plural(trial.Attempts, "attempt")}{(trial.Worker is { } worker ? $", worker {Markup.Escape(worker)}" : "")}"
                + (trial.ChosenBy is { } chosenBy ? $", chosen by {Markup.Escape(chosenBy)}" : "")),
        };
        if (trial.CachedFrom is { } source)
        {
            parts.Add(new Text($"cached from trial {source}: the same config's result, reused rather than trained again"));
        }

        if (hyperparameters.For(trial.GridPoint) is { Count: > 0 } axes)
        {
            parts.Add(new Text("grid point: " + hyperparameters.Describe(axes, trial.GridPoint, trial.Config)));
        }

        parts.AddRange(
        [
            Heading("config"),
            Config(trial.Config, hyperparameters),
            Heading("epochs"),
            Epochs(trial.Epochs ?? []),
            Heading("final metrics"),
            Metrics(trial),
        ]);
        if (trial.Machine is { } machine)
        {
            parts.Add(Heading(trial.CachedFrom is null ? "trained on" : "trained on (by the source trial)"));
            parts.Add(TrainedOn(machine));
        }

        if (trial.Result?.ConfusionMatrix is { Length: > 0 } matrix)
        {
            parts.Add(Heading("confusion matrix (rows: true class, columns: predicted)"));
            parts.Add(ConfusionMatrix(matrix));
        }

        if (!string.IsNullOrEmpty(trial.Error))
        {
            parts.Add(new Markup($"[red]error:[/] {Markup.Escape(trial.Error)}"));
        }

        return new Rows(parts);
    }

    /// <summary>A line above a table rather than its title: a title wraps to the table's width.</summary>
    public static Markup Heading(string text) => new($"\n[bold]{Markup.Escape(text)}[/]");

    /// <summary>Every resolved hyperparameter that applies to the trial's model, in the vocabulary's config order.</summary>
    private static Table Config(JsonElement config, Hyperparameters hyperparameters)
    {
        var table = TableRows.NewTable().AddLeftAlignedColumns(["hyperparameter", "value"]);
        foreach (var (name, value) in hyperparameters.InConfigOrder(config))
        {
            table.AddTextRow([name, value]);
        }

        return table;
    }

    private static IRenderable Epochs(IReadOnlyList<EpochResponse> epochs)
    {
        if (epochs.Count == 0)
        {
            return new Markup("[grey]no epochs recorded[/]");
        }

        var table = TableRows.NewTable()
            .AddRightAlignedColumns("epoch", "train loss", "train acc", "val loss", "val acc", "learning rate", "seconds");
        foreach (var epoch in epochs)
        {
            table.AddTextRow([
                Formats.Integer(epoch.Epoch),
                Formats.Metric(epoch.TrainLoss),
                Formats.Metric(epoch.TrainAccuracy),
                Formats.Metric(epoch.ValLoss),
                Formats.Metric(epoch.ValAccuracy),
                Formats.Number(epoch.LearningRate),
                epoch.Seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
            ]);
        }

        return table;
    }

    private static Table Metrics(TrialResponse trial)
    {
        var result = trial.Result;
        var table = TableRows.NewTable().AddLeftAlignedColumns(["metric", "value"]);
        table.AddTextRow(["test accuracy", Formats.Metric(result?.TestAccuracy)]);
        table.AddTextRow(["test loss", Formats.Metric(result?.TestLoss)]);
        table.AddTextRow(["val accuracy", Formats.Metric(result?.ValAccuracy)]);
        table.AddTextRow(["val loss", Formats.Metric(result?.ValLoss)]);
        table.AddTextRow(["best epoch", Formats.Integer(result?.BestEpoch)]);
        table.AddTextRow(["stop reason", result?.StopReason ?? Formats.Missing]);
        table.AddTextRow(["parameters", result?.ParameterCount is { } count ? Formats.Count(count) : Formats.Missing]);
        table.AddTextRow(["started", Formats.Timestamp(trial.StartedAt)]);
        table.AddTextRow(["time", Formats.Duration(trial.Duration)]);
        return table;
    }

    /// <summary>Where the trial was trained: what can make one config's result differ between machines.</summary>
    private static Table TrainedOn(TrialMachineResponse machine)
    {
        var table = TableRows.NewTable().AddLeftAlignedColumns(["", "value"]);
        table.AddTextRow(["cpu", machine.CpuModel]);
        table.AddTextRow(["cpu features", machine.CpuFeatures.Count > 0 ? string.Join(' ', machine.CpuFeatures) : Formats.Missing]);
        table.AddTextRow(["aten kernels", machine.CpuCapability]);
        table.AddTextRow(["libtorch", machine.TorchVersion]);
        table.AddTextRow(["blas / lapack", $"{machine.Blas} / {machine.Lapack}"]);
        table.AddTextRow(["blas library", machine.BlasLibrary ?? Formats.Missing]);
        table.AddTextRow(["device, threads", $"{machine.Device}, {Formats.Plural(machine.Threads, "thread")}"]);
        return table;
    }

    private static Table ConfusionMatrix(IReadOnlyList<IReadOnlyList<int>> matrix)
    {
        var columns = matrix.Max(r => r.Count);
        var table = TableRows.NewTable()
            .AddRightAlignedColumns(["", .. Enumerable.Range(0, columns).Select(c => Formats.Integer(c))]);
        for (var row = 0; row < matrix.Count; row++)
        {
            var cells = matrix[row].Select(n => Formats.Integer(n)).Concat(Enumerable.Repeat("", columns - matrix[row].Count));
            table.AddTextRow([Formats.Integer(row), .. cells]);
        }

        return table;
    }
}
