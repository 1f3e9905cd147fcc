using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Sampling;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Planning;

/// <summary>
/// A TPE search's space: its grid axes as a <see cref="SamplingSpace"/> (a list is a categorical axis, a range
/// without step or count a continuous or integer one, linear or log; a stepped range is the list it expands to),
/// and the rest of its definition (dataset, model, seed, fixed values), which turns a point of the space into a
/// trial and tells whether an earlier trial lies in the space.
/// </summary>
public sealed class SuggestionSpace
{
    private readonly Dataset dataset;
    private readonly ModelFamily model;
    private readonly long seed;
    private readonly List<(Axis Axis, string Path, List<object> Values)> grid;
    private readonly Dictionary<string, (string Path, object Value)> fixedValues;

    internal SuggestionSpace(
        Dataset dataset, ModelFamily model, long seed, List<(Axis Axis, string Path, List<object> Values)> grid, Dictionary<string, (string Path, object Value)> fixedValues)
    {
        this.dataset = dataset;
        this.model = model;
        this.seed = seed;
        this.grid = grid;
        this.fixedValues = fixedValues;
        Space = new SamplingSpace([.. grid.Select(g => g.Values is [ContinuousRange r]
            ? SamplingAxis.Range(g.Axis.Name, r.Min, r.Max, r.Log, r.Integer)
            : SamplingAxis.Categorical(g.Axis.Name, g.Values))]);
    }

    public SamplingSpace Space { get; }

    /// <summary>The trial a point of the space resolves to (a range's value rounded as a drawn one is), or null
    /// when the point resolves to no valid config (an axis rule across axes refuses it).</summary>
    public PlannedTrial? Resolve(IReadOnlyList<object> point, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Count != grid.Count)
        {
            throw new ArgumentException($"A point of this space has {grid.Count} values, not {point.Count}.", nameof(point));
        }

        var values = new Dictionary<string, (string Path, object Value)>(fixedValues, StringComparer.Ordinal);
        var chosen = new object[grid.Count];
        for (var a = 0; a < grid.Count; a++)
        {
            chosen[a] = grid[a].Values is [ContinuousRange range] ? Snap(range, point[a]) : point[a];
            values[grid[a].Axis.Name] = (grid[a].Path, chosen[a]);
        }

        var config = TrialConfigResolver.Resolve(dataset, model, seed, values, new ValidationErrors());
        if (config is null)
        {
            return null;
        }

        var json = TrialConfigJson.Serialize(config);
        return new PlannedTrial(ordinal, config, json, ConfigHash.Compute(json), SearchPlanner.GridPointJson(grid, chosen));
    }

    /// <summary>A warm-start point as the definition gives it (an object of grid axis → value): the point, or null
    /// with each problem under <c>{path}.{axis}</c>. An axis the grid holds at one value may be left out.</summary>
    public IReadOnlyList<object>? ReadPoint(JsonElement given, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        foreach (var property in given.EnumerateObject().Where(p => !grid.Any(g => g.Axis.Name == p.Name)))
        {
            errors.Add($"{path}.{property.Name}", $"is not an axis of the grid; a point gives a value to {string.Join(", ", grid.Select(g => g.Axis.Name))}.");
        }

        var point = new object[grid.Count];
        for (var a = 0; a < grid.Count; a++)
        {
            var (axis, _, values) = grid[a];
            var axisPath = $"{path}.{axis.Name}";
            if (!given.TryGetProperty(axis.Name, out var element))
            {
                if (values is [var only] && only is not ContinuousRange)
                {
                    point[a] = only;
                }
                else
                {
                    errors.Add(axisPath, "is required: a point gives a value to every axis the grid varies.");
                }

                continue;
            }

            var value = AxisValueReader.ReadOne(axis, element, axisPath, errors);
            if (value is not null)
            {
                point[a] = InAxis(values, value) ?? Missing(errors, axisPath, value, values);
            }
        }

        return errors.Count == before ? point : null;
    }

    /// <summary>The point of this space an earlier trial stands at (its grid point's value of each axis, else its
    /// config's), or null when it lies outside the space.</summary>
    public IReadOnlyList<object>? PointOf(string gridPointJson, string configJson)
    {
        using var gridPoint = JsonDocument.Parse(gridPointJson);
        using var config = JsonDocument.Parse(configJson);
        var point = new object[grid.Count];
        for (var a = 0; a < grid.Count; a++)
        {
            var (axis, _, values) = grid[a];
            if (!gridPoint.RootElement.TryGetProperty(axis.Name, out var element) && !config.RootElement.TryGetProperty(axis.Name, out element))
            {
                return null;
            }

            if (AxisValueReader.ReadOne(axis, element, axis.Name, new ValidationErrors()) is not { } value || InAxis(values, value) is not { } inside)
            {
                return null;
            }

            point[a] = inside;
        }

        return point;
    }

    /// <summary>Whether an earlier trial's config is what this search would train at <paramref name="point"/>,
    /// but for the seed: the same fixed settings, so its result says something about this search's landscape.</summary>
    public bool SameSettings(IReadOnlyList<object> point, string configJson)
    {
        var resolved = Resolve(point, 0);
        var earlier = TrialConfigJson.Deserialize(configJson);
        return resolved is not null && TrialConfigJson.Serialize(resolved.Config with { Seed = earlier.Seed }) == TrialConfigJson.Serialize(earlier);
    }

    /// <summary>The axis's own value equal to <paramref name="value"/> (a list's member, so a sampler's choice
    /// compares equal to it), or a range's value; null when the axis does not hold it.</summary>
    private static object? InAxis(List<object> values, object value)
    {
        if (values is [ContinuousRange range])
        {
            var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            return number >= range.Min && number <= range.Max && (!range.Integer || number == Math.Floor(number)) ? Snap(range, value) : null;
        }

        var canonical = AxisValueReader.Canonical(value);
        return values.FirstOrDefault(v => AxisValueReader.Canonical(v) == canonical);
    }

    private static object Missing(ValidationErrors errors, string path, object value, List<object> values)
    {
        errors.Add(path, values is [ContinuousRange range]
            ? $"{AxisValueReader.Canonical(value)} is outside the grid's range [{range.Min}, {range.Max}]{(range.Integer ? " of whole numbers" : "")}."
            : $"{AxisValueReader.Canonical(value)} is not among the grid's values {string.Join(", ", values.Select(AxisValueReader.Canonical))}.");
        return value;
    }

    /// <summary>A range's value as a drawn one is (<see cref="ContinuousRange.Draw"/>): whole for an integer
    /// range, else twelve decimals; within the range.</summary>
    private static object Snap(ContinuousRange range, object value)
    {
        var number = Math.Clamp(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), range.Min, range.Max);
        return range.Integer ? (object)(int)Math.Round(number) : Math.Clamp(Math.Round(number, 12), range.Min, range.Max);
    }
}
