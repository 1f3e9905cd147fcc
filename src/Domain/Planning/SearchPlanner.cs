using System.Text.Json;
using System.Text.Json.Nodes;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Planning;

/// <summary>
/// Turns a search definition (JSON) into a <see cref="SearchPlan"/>: validates every field,
/// expands the grid in a fixed order and resolves each combination into a complete
/// <see cref="TrialConfig"/>. Reports every problem it finds, by field, and plans nothing then.
/// </summary>
public static partial class SearchPlanner
{
    /// <summary>The seed of a definition that names none.</summary>
    public const long DefaultSeed = 42;

    /// <summary>The most grid points a search may span; a random strategy samples its trials from them.</summary>
    public const double MaxGridPoints = 1e15;

    /// <summary>The longest name a search may have.</summary>
    public const int MaxNameLength = 200;

    /// <summary>How many times a definition that names no <c>repeats</c> trains each configuration.</summary>
    public const int DefaultRepeats = 1;

    /// <summary>The most times a definition may train each configuration.</summary>
    public const int MaxRepeats = 100;

    /// <summary>The fields a definition may have (the API's schema of a definition describes each).</summary>
    public static IReadOnlyList<string> Fields { get; } = ["name", "dataset", "model", "seed", "repeats", "strategy", "limits", "pruner", "grid", "fixed", "reuse", "startFrom"];

    public static SearchPlan? Plan(JsonElement definition, SearchLimits limits, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (definition.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object with dataset, model, grid and fixed.");
            return null;
        }

        var misspelled = ReadUnknownFields(definition, errors);
        var dataset = misspelled.Contains("dataset") ? null : ReadChoice<Dataset>(definition, "dataset", errors);
        var model = misspelled.Contains("model") ? null : ReadChoice<ModelFamily>(definition, "model", errors);
        var name = ReadName(definition, dataset, model, errors);
        var seed = ReadSeed(definition, errors);
        var repeats = ReadRepeats(definition, seed, errors);
        // A strategy given under a misspelled name is not known to be a grid: nothing that depends on it is checked.
        var strategy = misspelled.Contains("strategy") ? null : SearchStrategy.Read(definition, errors);
        var reuse = ReadReuse(definition, errors);
        var stopLimits = SearchStopLimits.Read(definition, errors);
        var pruner = Pruning.Pruner.Read(definition, errors);
        var startFrom = misspelled.Contains("startFrom") ? null : StartFrom.Read(definition, errors);
        if (startFrom is not null && strategy is not null && strategy.Kind != StrategyKind.Tpe)
        {
            errors.Add("startFrom", "warm starts from an earlier search belong to strategy kind tpe.");
        }

        var grid = ReadGrid(definition, model, limits.MaxTrialsPerSearch, strategy is null || strategy.Kind != StrategyKind.Grid, errors);
        var fixedValues = new Dictionary<string, (string Path, object Value)>(StringComparer.Ordinal);
        ReadSection(definition, "fixed", model, errors, (axis, path, element) =>
        {
            if (grid.Any(g => g.Axis.Name == axis.Name))
            {
                errors.Add(path, $"'{axis.Name}' is both in grid and in fixed; give it in one place.");
                return;
            }

            var value = AxisValueReader.ReadOne(axis, element, path, errors);
            if (value is not null)
            {
                fixedValues[axis.Name] = (path, value);
            }
        });

        var named = grid.Select(g => (g.Axis.Name, g.Path)).Concat(fixedValues.Select(f => (Name: f.Key, f.Value.Path))).ToList();
        var architecture = named.FirstOrDefault(n => n.Name == AxisCatalog.Architecture.Name);
        if (architecture.Name is not null)
        {
            string[] replaced = [AxisCatalog.Depth.Name, AxisCatalog.Width.Name, AxisCatalog.Shape.Name];
            foreach (var clash in named.Where(n => replaced.Contains(n.Name)))
            {
                errors.Add(clash.Path, "an explicit architecture replaces depth, width and shape; give one or the other.");
            }
        }

        if (!errors.IsEmpty || dataset is null || model is null || strategy is null || stopLimits is null || pruner is null)
        {
            return null;
        }

        var total = grid.Aggregate(1.0, (product, axis) => product * axis.Values.Count);
        if (total > MaxGridPoints)
        {
            errors.Add("grid", $"the grid has {total:0} points, more than {MaxGridPoints:0} even a sample may be drawn from.");
            return null;
        }

        var points = (long)total;
        var drawn = grid.FirstOrDefault(g => g.Values is [ContinuousRange]);
        if (drawn.Axis is not null && strategy.Count is null)
        {
            errors.Add("strategy.count", strategy.Kind == StrategyKind.Tpe
                ? $"is required: {drawn.Path} is a continuous range, so the space has no number of points to run them all."
                : $"is required: {drawn.Path} is a continuous range, so the search has no number of points to take a fraction of.");
            return null;
        }

        if (strategy.Count > points && drawn.Axis is null)
        {
            errors.Add("strategy.count", $"asks for {strategy.Count} trials, but the grid has only {points} point{(points == 1 ? "" : "s")}.");
            return null;
        }

        var size = strategy.SampleSize(points);
        if (size > limits.MaxTrialsPerSearch)
        {
            errors.Add(strategy.Kind == StrategyKind.Grid ? "grid" : "strategy", $"the {(strategy.Kind == StrategyKind.Grid ? "grid makes" : "strategy samples")} {size} trials, more than the limit of {limits.MaxTrialsPerSearch}.");
            return null;
        }

        if (strategy.Kind == StrategyKind.Tpe)
        {
            // A suggestion is one trial, scored by its own validation accuracy; repeating it would be a
            // different sampler (one that learns from means), which this one is not.
            if (repeats > 1)
            {
                errors.Add("repeats", "applies to the grid and random strategies; a TPE search suggests each trial once.");
                return null;
            }

            var space = new SuggestionSpace(dataset.Value, model.Value, seed, grid, fixedValues.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
            var tpe = PlanTpe(space, strategy, startFrom, (int)size, errors);
            return tpe is null ? null : new SearchPlan(name, dataset.Value, model.Value, seed, definition.GetRawText(), [.. grid.Where(Varies).Select(g => g.Axis.Name)], tpe.Points)
            {
                Reuse = reuse,
                Pruned = pruner.Kind != Pruning.PrunerKind.None,
                Limited = !stopLimits.IsNone,
                Tpe = tpe,
            };
        }

        // Each repeat is a trial of its own: the limit is on what trains, not on configurations.
        if (size * repeats > limits.MaxTrialsPerSearch)
        {
            errors.Add("repeats", $"{size} configuration{(size == 1 ? "" : "s")} × {repeats} repeats make {size * repeats} trials, more than the limit of {limits.MaxTrialsPerSearch}.");
            return null;
        }

        var configurations = new List<(TrialConfig Config, string Json, string Hash, string GridPoint)>((int)size);
        var chosenBy = strategy.Kind == StrategyKind.Grid ? ChosenBy.Grid : ChosenBy.Random;
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        var collapsed = 0;
        var chosen = new object[grid.Count];

        // The grid point's values: its index in expansion order read as a mixed-radix number (the last axis
        // varies fastest), each continuous axis drawing its own value.
        void Choose(long point, Random? draws)
        {
            for (var a = grid.Count - 1; a >= 0; a--)
            {
                var value = grid[a].Values[(int)(point % grid[a].Values.Count)];
                chosen[a] = value is ContinuousRange range ? range.Draw(draws!) : value;
                point /= grid[a].Values.Count;
            }
        }

        // Without continuous axes, the strategy's points; with them, a discrete point and the draws per
        // trial from one seeded generator, until count distinct trials (or many draws) are made.
        IEnumerable<long> Points()
        {
            if (drawn.Axis is null)
            {
                foreach (var point in strategy.Pick(points, seed))
                {
                    Choose(point, null);
                    yield return point;
                }

                yield break;
            }

            var random = SearchStrategy.Generator(seed);
            for (var draw = 0L; draw < size * 100 && configurations.Count < size; draw++)
            {
                var point = random.NextInt64(points);
                Choose(point, random);
                yield return point;
            }
        }

        foreach (var point in Points())
        {
            var values = fixedValues.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            for (var a = 0; a < grid.Count; a++)
            {
                values[grid[a].Axis.Name] = (grid[a].Path, chosen[a]);
            }

            var config = TrialConfigResolver.Resolve(dataset.Value, model.Value, seed, values, errors);
            if (config is not null)
            {
                var json = TrialConfigJson.Serialize(config);
                var hash = ConfigHash.Compute(json);
                // Two grid points can resolve to the same network (shapes at depth 1, an axis that does not
                // apply): train it once. A drawn sample draws again instead, so only a grid's collapsed points count.
                if (hashes.Add(hash))
                {
                    configurations.Add((config, json, hash, GridPointJson(grid, chosen)));
                }
                else if (drawn.Axis is null)
                {
                    collapsed++;
                }
            }
        }

        // A configuration's repeats sit next to each other and share its grid point (and its drawn values);
        // repeat r trains with the search's seed + r, so repeat 0 is the trial an unrepeated search makes.
        var trials = new List<PlannedTrial>(configurations.Count * repeats);
        foreach (var (config, json, hash, gridPoint) in configurations)
        {
            trials.Add(new PlannedTrial(trials.Count, config, json, hash, gridPoint) { ChosenBy = chosenBy });
            for (var r = 1; r < repeats; r++)
            {
                var repeated = config with { Seed = seed + r };
                var repeatedJson = TrialConfigJson.Serialize(repeated);
                trials.Add(new PlannedTrial(trials.Count, repeated, repeatedJson, ConfigHash.Compute(repeatedJson), gridPoint, r) { ChosenBy = chosenBy });
            }
        }

        return errors.IsEmpty
            ? new SearchPlan(name, dataset.Value, model.Value, seed, definition.GetRawText(), [.. grid.Where(Varies).Select(g => g.Axis.Name)], trials)
            {
                Reuse = reuse,
                Pruned = pruner.Kind != Pruning.PrunerKind.None,
                Limited = !stopLimits.IsNone,
                Collapsed = collapsed,
                Repeats = repeats,
            }
            : null;
    }

    /// <summary>
    /// Reports each field a search does not have, with the field it was probably meant to be; returns those
    /// meant fields that the definition lacks, whose readers then stay silent: a misspelled <c>stratgy</c> is
    /// one error, not also the knock-on of reading the definition as if it named no strategy.
    /// </summary>
    private static HashSet<string> ReadUnknownFields(JsonElement definition, ValidationErrors errors)
    {
        var misspelled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in definition.EnumerateObject())
        {
            if (Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                continue;
            }

            var meant = DidYouMean.Nearest(property.Name, Fields);
            errors.Add(property.Name, (meant.Count, AxisCatalog.TryGet(property.Name, out var axis)) switch
            {
                ( > 0, _) => $"unknown field; {DidYouMean.Hint(property.Name, Fields)}",
                (_, true) => $"unknown field; '{axis!.Name}' is an axis: give it in grid or in fixed.",
                _ => $"unknown field; a search has {string.Join(", ", Fields)}.",
            });
            misspelled.UnionWith(meant.Where(field => !definition.TryGetProperty(field, out _)));
        }

        return misspelled;
    }

    /// <summary>The axes a valid definition varies (grid axes with more than one value), in grid order.</summary>
    public static IReadOnlyList<string> VaryingAxes(JsonElement definition)
    {
        var model = definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("model", out var element)
            && element.ValueKind == JsonValueKind.String && EnumNames.TryParse<ModelFamily>(element.GetString()!, out var family)
            ? family
            : (ModelFamily?)null;
        return [.. ReadGrid(definition, model, int.MaxValue, continuous: true, new ValidationErrors()).Where(Varies).Select(g => g.Axis.Name)];
    }

    /// <summary>How many times a valid definition trains each configuration (<see cref="SearchPlan.Repeats"/>).</summary>
    public static int RepeatsOf(JsonElement definition) =>
        definition.ValueKind == JsonValueKind.Object ? ReadRepeats(definition, seed: 0, new ValidationErrors()) : DefaultRepeats;

    /// <summary>The grid's axes with their values, in the catalog's order (the expansion order).</summary>
    private static List<(Axis Axis, string Path, List<object> Values)> ReadGrid(JsonElement definition, ModelFamily? model, int maxValues, bool continuous, ValidationErrors errors)
    {
        var grid = new List<(Axis Axis, string Path, List<object> Values)>();
        if (definition.ValueKind != JsonValueKind.Object)
        {
            return grid;
        }

        ReadSection(definition, "grid", model, errors, (axis, path, element) =>
        {
            var values = AxisValueReader.ReadGrid(axis, element, path, maxValues, errors, continuous);
            if (values is { Count: > 0 })
            {
                grid.Add((axis, path, values));
            }
        });
        grid.Sort((a, b) => a.Axis.Order.CompareTo(b.Axis.Order));
        return grid;
    }

    private static bool Varies((Axis Axis, string Path, List<object> Values) axis) => axis.Values is not [not ContinuousRange];

    /// <summary>The varying axes' values at one grid point, as the user wrote them, in grid order.</summary>
    internal static string GridPointJson(List<(Axis Axis, string Path, List<object> Values)> grid, object[] chosen)
    {
        var point = new JsonObject();
        for (var a = 0; a < grid.Count; a++)
        {
            if (Varies(grid[a]))
            {
                point[grid[a].Axis.Name] = JsonNode.Parse(VocabularyJson.Serialize(chosen[a]));
            }
        }

        return point.ToJsonString(VocabularyJson.Options);
    }

    private static void ReadSection(JsonElement definition, string section, ModelFamily? model, ValidationErrors errors, Action<Axis, string, JsonElement> read)
    {
        if (!definition.TryGetProperty(section, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(section, "must be an object mapping axis names to values.");
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var path = $"{section}.{property.Name}";
            if (!AxisCatalog.TryGet(property.Name, out var axis))
            {
                var axes = AxisCatalog.All.Select(a => a.Name);
                errors.Add(path, DidYouMean.Hint(property.Name, axes) is { } hint
                    ? $"unknown axis '{property.Name}'; {hint}"
                    : $"unknown axis '{property.Name}'; known axes: {string.Join(", ", axes)}.");
                continue;
            }

            if (axis.OnlyFor is not null && model is not null && axis.OnlyFor != model)
            {
                errors.Add(path, $"'{axis.Name}' applies to {ModelFamilyText.Name(axis.OnlyFor.Value)} models only, and this search trains {ModelFamilyText.WithArticle(model.Value)}.");
                continue;
            }

            read(axis, path, property.Value);
        }
    }

    private static T? ReadChoice<T>(JsonElement definition, string field, ValidationErrors errors)
        where T : struct, Enum
    {
        var choices = string.Join(", ", EnumNames.Choices<T>());
        if (!definition.TryGetProperty(field, out var element))
        {
            errors.Add(field, $"is required: one of {choices}.");
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || !EnumNames.TryParse<T>(element.GetString()!, out var value))
        {
            var hint = element.ValueKind == JsonValueKind.String ? DidYouMean.Hint(element.GetString()!, EnumNames.Choices<T>()) : null;
            errors.Add(field, $"unknown {field} {element.GetRawText()}; {hint ?? $"allowed: {choices}."}");
            return null;
        }

        return value;
    }

    private static string ReadName(JsonElement definition, Dataset? dataset, ModelFamily? model, ValidationErrors errors)
    {
        if (!definition.TryGetProperty("name", out var element))
        {
            return $"{(dataset is { } d ? EnumNames.Of(d) : "")}-{(model is { } m ? EnumNames.Of(m) : "")}";
        }

        var name = element.ValueKind == JsonValueKind.String ? element.GetString()!.Trim() : null;
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors.Add("name", $"must be a non-empty string of at most {MaxNameLength} characters.");
            return "";
        }

        return name;
    }

    /// <summary>Whether finished results of the same configs may answer this search's trials (default yes).</summary>
    private static bool ReadReuse(JsonElement definition, ValidationErrors errors)
    {
        if (!definition.TryGetProperty("reuse", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add("reuse", $"must be true or false, got {element.GetRawText()}.");
            return true;
        }

        return element.GetBoolean();
    }

    /// <summary>How many times each configuration trains: a whole number 1..<see cref="MaxRepeats"/>, whose last
    /// repeat's seed (seed + repeats - 1) must still be a seed.</summary>
    private static int ReadRepeats(JsonElement definition, long seed, ValidationErrors errors)
    {
        if (!definition.TryGetProperty("repeats", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return DefaultRepeats;
        }

        var repeats = DefinitionSection.WholeNumber(element, "repeats", 1, MaxRepeats, errors);
        if (repeats > 1 && seed > long.MaxValue - (repeats - 1))
        {
            errors.Add("repeats", $"{repeats} repeats take the seeds {seed} to {seed} + {repeats - 1}, past the largest seed; give a smaller seed.");
            return DefaultRepeats;
        }

        return repeats ?? DefaultRepeats;
    }

    private static long ReadSeed(JsonElement definition, ValidationErrors errors)
    {
        if (!definition.TryGetProperty("seed", out var element))
        {
            return DefaultSeed;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var seed) || seed < 0)
        {
            errors.Add("seed", $"must be a whole number >= 0, got {element.GetRawText()}.");
            return 0;
        }

        return seed;
    }
}
