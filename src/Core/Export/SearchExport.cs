using System.Globalization;
using System.Text.Json;
using GridSearch.Core.Trials;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Export;

/// <summary>
/// The one export of a search's trials (GET /api/searches/{id}/export, which the CLI downloads). Its
/// columns, in this order:
/// <list type="number">
/// <item>the grid point: the axes the search varies, in grid order, with the values as written;</item>
/// <item>the trial: <see cref="TrialColumns"/> (final metrics null until it succeeds; NaN losses null);</item>
/// <item>its resolved config: every key of <see cref="TrialConfigKeys.For"/> the search's model family that is not
/// already a grid point column (a varying axis with a config key of its own, e.g. learningRate, holds the same
/// value), a default with a label as that label (<see cref="Axis.Labelled"/>: trainSize 0 is "all");</item>
/// <item>only for a search with cross-validation fold trials: <see cref="FoldColumns"/>, the trial a fold
/// trial evaluates and its config's fold and folds (null on the grid's trials).</item>
/// </list>
/// </summary>
public static class SearchExport
{
    private static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>What each trial column holds, in column order.</summary>
    private static readonly (string Name, Func<Trial, object?> Value)[] TrialFields =
    [
        ("trialId", t => t.Id),
        ("ordinal", t => t.Ordinal),
        ("repeat", t => t.Repeat),
        ("status", t => EnumNames.Of(t.Status)),
        ("testAccuracy", t => Finite(t.TestAccuracy)),
        ("testLoss", t => Finite(t.TestLoss)),
        ("valAccuracy", t => Finite(t.ValAccuracy)),
        ("valLoss", t => Finite(t.ValLoss)),
        ("bestEpoch", t => t.BestEpoch),
        ("stopReason", t => t.StopReason),
        ("parameterCount", t => t.ParameterCount),
        ("attempts", t => t.Attempts),
        ("seconds", t => t.StartedAt is { } started && t.FinishedAt is { } finished ? Math.Round((finished - started).TotalSeconds, 3) : null),
        ("worker", t => t.Worker),
        ("startedAt", t => Timestamp(t.StartedAt)),
        ("finishedAt", t => Timestamp(t.FinishedAt)),
        ("error", t => t.Error),
        ("chosenBy", t => t.ChosenBy),
    ];

    public static IReadOnlyList<string> TrialColumns { get; } = [.. TrialFields.Select(f => f.Name)];

    /// <summary>The last columns of a search with fold trials; fold and folds are config keys only they have.</summary>
    public static IReadOnlyList<string> FoldColumns { get; } = ["foldOf", "fold", "folds"];

    /// <summary>The columns for a search of <paramref name="model"/> that varies <paramref name="axes"/> (grid order).</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<string> axes, ModelFamily model)
    {
        ArgumentNullException.ThrowIfNull(axes);
        return [.. axes, .. TrialColumns, .. ConfigColumns(axes, model)];
    }

    /// <summary>The search's trials, one row each in the order given, under <see cref="Columns"/>.</summary>
    public static ExportTable Of(Search.Search search, IEnumerable<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(trials);
        IReadOnlyList<string> axes;
        using (var definition = JsonDocument.Parse(search.Definition))
        {
            axes = SearchPlanner.VaryingAxes(definition.RootElement);
        }

        var all = trials.ToList();
        var folded = all.Any(t => t.FoldOf is not null);
        var columns = Columns(axes, EnumNames.Parse<ModelFamily>(search.Model));
        var configColumns = columns.Skip(axes.Count + TrialColumns.Count).ToList();
        var rows = new List<IReadOnlyList<JsonElement>>();
        foreach (var trial in all)
        {
            using var gridPoint = JsonDocument.Parse(trial.GridPoint);
            using var config = JsonDocument.Parse(trial.Config);
            rows.Add([
                .. axes.Select(axis => GridValue(gridPoint.RootElement, config.RootElement, axis)),
                .. TrialFields.Select(field => JsonSerializer.SerializeToElement(field.Value(trial))),
                .. configColumns.Select(key => ConfigValue(config.RootElement, key)),
                .. folded ? [JsonSerializer.SerializeToElement(trial.FoldOf), .. FoldColumns.Skip(1).Select(key => Value(config.RootElement, key))] : Array.Empty<JsonElement>(),
            ]);
        }

        return new ExportTable(folded ? [.. columns, .. FoldColumns] : columns, rows);
    }

    private static List<string> ConfigColumns(IReadOnlyList<string> axes, ModelFamily model) =>
        [.. TrialConfigKeys.For(model).Where(key => !axes.Contains(key, StringComparer.Ordinal))];

    private static JsonElement ConfigValue(JsonElement config, string key) =>
        AxisCatalog.TryGet(key, out var axis) ? axis.Labelled(Value(config, key)) : Value(config, key);

    /// <summary>The grid point's value of the axis; for a trial queued before trials kept their grid point,
    /// the config's same-named value, so a config key that is a grid column is never lost.</summary>
    private static JsonElement GridValue(JsonElement gridPoint, JsonElement config, string axis) =>
        Value(gridPoint, axis) is { ValueKind: not JsonValueKind.Null } value ? value : Value(config, axis);

    /// <summary>The object's value for the key, cloned to outlive its document; null when it has none.</summary>
    private static JsonElement Value(JsonElement json, string key) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(key, out var value) ? value.Clone() : Null;

    /// <summary>ISO 8601 in UTC, to the microsecond PostgreSQL keeps, trailing zeros dropped.</summary>
    private static string? Timestamp(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    // JSON has no NaN: a diverged trial's loss is exported as missing.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
