using System.Text.Json;

namespace GridSearch.Cli.Rendering;

/// <summary>
/// Which hyperparameters a table shows and how they read, all taken from the vocabulary the API
/// publishes (GET /api/axes), so the CLI keeps no list of names of its own:
/// <list type="bullet">
/// <item>a search's columns are the axes it varies, in grid order, with each trial's grid point values;</item>
/// <item>a search that varies nothing shows what describes its model instead: the config keys that are
/// axes of its model family (an MLP's shape; a CNN's convLayers, filters, kernelSize, denseUnits) and
/// the non-empty lists no axis sets on its own (hiddenLayers, activations: the layers the axes made);</item>
/// <item>a config reads in the published configKeys order, keys it does not list last, A-Z, without the axes
/// of another model family (an MLP's config holds convLayers as 0: it means nothing to an MLP);</item>
/// <item>a config's value that is its axis's default, where the axis publishes a label for it, reads as that
/// label (trainSize 0 is "all");</item>
/// <item>values print as in the export's CSV: names as they are, numbers as the API wrote them, lists
/// joined with the published listSeparator.</item>
/// </list>
/// </summary>
internal sealed class Hyperparameters(VocabularyResponse vocabulary)
{
    private readonly Dictionary<string, AxisResponse> axes = vocabulary.Axes.ToDictionary(a => a.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, int> configRank = vocabulary.ConfigKeys.Select((key, index) => (key, index)).ToDictionary(p => p.key, p => p.index, StringComparer.Ordinal);

    /// <summary>The columns for a search's trials; <paramref name="sample"/> is one of their configs.</summary>
    public IReadOnlyList<HyperparameterColumn> For(SearchResponse search, JsonElement sample)
    {
        ArgumentNullException.ThrowIfNull(search);
        return search.Axes.Count > 0
            ? [.. search.Axes.Select(axis => new HyperparameterColumn(axis, FromGridPoint: true))]
            : ModelColumns([(search.Model, sample)]);
    }

    /// <summary>The columns for trials of several searches: every axis their grid points have, in grid
    /// order; when none has any, what describes their models.</summary>
    public IReadOnlyList<HyperparameterColumn> For(IReadOnlyList<LeaderboardEntryResponse> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var gridAxes = GridAxes(entries.SelectMany(e => Keys(e.GridPoint)));
        return gridAxes.Count > 0
            ? gridAxes
            : ModelColumns([.. entries.Select(e => (Text(e.Config, "model"), e.Config))]);
    }

    /// <summary>The axes of one grid point, in grid order.</summary>
    public IReadOnlyList<HyperparameterColumn> For(JsonElement gridPoint) => GridAxes(Keys(gridPoint));

    /// <summary>A cell: the grid point's value of an axis (the config's same-named one for a trial queued
    /// before trials kept their grid point), or the config's value of a key; "-" when there is none.</summary>
    public string Value(HyperparameterColumn column, JsonElement gridPoint, JsonElement config)
    {
        ArgumentNullException.ThrowIfNull(column);
        return (column.FromGridPoint ? Find(gridPoint, column.Name) ?? Find(config, column.Name) : Find(config, column.Name)) is { } value
            ? Print(value)
            : Formats.Missing;
    }

    /// <summary>"depth=3 width=256".</summary>
    public string Describe(IReadOnlyList<HyperparameterColumn> columns, JsonElement gridPoint, JsonElement config)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return string.Join(' ', columns.Select(c => $"{c.Name}={Value(c, gridPoint, config)}"));
    }

    /// <summary>A config's properties in the published order, each as it reads, without the other model family's axes.</summary>
    public IEnumerable<(string Name, string Value)> InConfigOrder(JsonElement config)
    {
        var model = Text(config, "model");
        return config.ValueKind == JsonValueKind.Object
            ? config.EnumerateObject()
                .Where(p => model is null || !axes.TryGetValue(p.Name, out var axis) || axis.Model is null || axis.Model == model)
                .OrderBy(p => configRank.GetValueOrDefault(p.Name, int.MaxValue)).ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => (p.Name, PrintConfig(p.Name, p.Value)))
            : [];
    }

    /// <summary>A config's value: its axis's default label (trainSize 0: "all") where it has one, else as <see cref="Print"/> has it.</summary>
    private string PrintConfig(string key, JsonElement value) =>
        axes.TryGetValue(key, out var axis) && axis.DefaultLabel is { } label && axis.Default is { } fallback && JsonElement.DeepEquals(value, fallback)
            ? label
            : Print(value);

    public string Print(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => string.Join(vocabulary.ListSeparator, value.EnumerateArray().Select(Print)),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    private List<HyperparameterColumn> GridAxes(IEnumerable<string> names) =>
        [.. names.Distinct(StringComparer.Ordinal)
            .OrderBy(name => axes.TryGetValue(name, out var axis) ? axis.Order : int.MaxValue)
            .ThenBy(name => name, StringComparer.Ordinal)
            .Select(name => new HyperparameterColumn(name, FromGridPoint: true))];

    private List<HyperparameterColumn> ModelColumns(IReadOnlyList<(string? Model, JsonElement Config)> samples) =>
        [.. vocabulary.ConfigKeys
            .Where(key => samples.Any(sample => DescribesModel(key, sample.Model, sample.Config)))
            .Select(key => new HyperparameterColumn(key, FromGridPoint: false))];

    private bool DescribesModel(string key, string? model, JsonElement config) =>
        axes.TryGetValue(key, out var axis)
            ? axis.Model is not null && axis.Model == model
            : Find(config, key) is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0;

    private static IEnumerable<string> Keys(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object ? json.EnumerateObject().Select(p => p.Name) : [];

    private static JsonElement? Find(JsonElement json, string key) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(key, out var value) ? value : null;

    private static string? Text(JsonElement json, string key) =>
        Find(json, key) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
