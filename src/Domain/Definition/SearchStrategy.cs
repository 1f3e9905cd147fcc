using System.Globalization;
using System.Text.Json;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Definition;

/// <summary>
/// A definition's optional <c>strategy</c>: <c>{"kind": "grid"}</c> (the default: every grid point) or
/// <c>{"kind": "random", "fraction": 0.25}</c> / <c>{"kind": "random", "count": 40}</c>: that many grid
/// points, sampled without replacement with the search's seed, so the same definition always gives the
/// same trials (Talos's fraction_limit). Sampled points keep their grid order. Or
/// <c>{"kind": "tpe", "count": 40, "points": [{"lr": 0.01}]}</c>: that many trials, the points (grid points, one
/// value per varying axis) tried first, then each suggested at claim by TPE (<see cref="Sampling.SamplingSpace"/>).
/// </summary>
public sealed record SearchStrategy(StrategyKind Kind, double? Fraction = null, int? Count = null)
{
    /// <summary>A TPE strategy's warm-start points, as given (the planner checks them against the grid).</summary>
    public IReadOnlyList<JsonElement> Points { get; init; } = [];

    public static SearchStrategy Grid { get; } = new(StrategyKind.Grid);

    /// <summary>The strategy a definition names, or <see cref="Grid"/> when it names none; null with the
    /// problems in <paramref name="errors"/> when it is not a valid one.</summary>
    public static SearchStrategy? Read(JsonElement definition, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!definition.TryGetProperty("strategy", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Grid;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("strategy", "must be an object such as {\"kind\": \"random\", \"fraction\": 0.25}.");
            return null;
        }

        var before = errors.Count;
        var kind = StrategyKind.Grid;
        double? fraction = null;
        int? count = null;
        List<JsonElement> points = [];
        foreach (var property in element.EnumerateObject())
        {
            var path = $"strategy.{property.Name}";
            var value = property.Value;
            switch (property.Name)
            {
                case "kind" when value.ValueKind == JsonValueKind.String && EnumNames.TryParse(value.GetString()!, out StrategyKind parsed):
                    kind = parsed;
                    break;
                case "kind":
                    errors.Add(path, $"must be one of {string.Join(", ", EnumNames.Choices<StrategyKind>())}, got {value.GetRawText()}.");
                    break;
                case "fraction" when value.ValueKind == JsonValueKind.Number && value.GetDouble() is > 0 and <= 1:
                    fraction = value.GetDouble();
                    break;
                case "fraction":
                    errors.Add(path, $"must be a number > 0 and <= 1, got {value.GetRawText()}.");
                    break;
                case "count" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 1:
                    count = n;
                    break;
                case "count":
                    errors.Add(path, $"must be a whole number >= 1, got {value.GetRawText()}.");
                    break;
                case "points" when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(p => p.ValueKind == JsonValueKind.Object):
                    points = [.. value.EnumerateArray().Select(p => p.Clone())];
                    break;
                case "points":
                    errors.Add(path, "must be a list of grid points, each an object mapping a grid axis to a value.");
                    break;
                default:
                    errors.Add(path, "unknown field; a strategy has kind, and fraction, count or points.");
                    break;
            }
        }

        if (errors.Count == before && kind == StrategyKind.Grid && (fraction is not null || count is not null))
        {
            errors.Add("strategy", "a grid strategy runs every point; fraction and count belong to kind random.");
        }

        if (errors.Count == before && kind == StrategyKind.Random && (fraction is null) == (count is null))
        {
            errors.Add("strategy", "a random strategy needs exactly one of fraction or count.");
        }

        if (errors.Count == before && kind == StrategyKind.Tpe && fraction is not null)
        {
            errors.Add("strategy.fraction", "a tpe strategy takes a count of trials, not a fraction.");
        }

        if (errors.Count == before && kind != StrategyKind.Tpe && points.Count > 0)
        {
            errors.Add("strategy.points", "warm-start points belong to kind tpe.");
        }

        if (errors.Count == before && count is not null && points.Count > count)
        {
            errors.Add("strategy.points", $"lists {points.Count} points, more than the {count} trials of strategy.count.");
        }

        return errors.Count == before ? new SearchStrategy(kind, fraction, count) { Points = points } : null;
    }

    /// <summary>How many of the grid's <paramref name="points"/> this strategy runs (a tpe strategy without a
    /// count: at most every point).</summary>
    public long SampleSize(long points) => Kind == StrategyKind.Grid
        ? points
        : Count ?? (Fraction is { } fraction ? Math.Max(1, (long)Math.Round(fraction * points, MidpointRounding.AwayFromZero)) : points);

    /// <summary>
    /// The grid points (their indices in expansion order, ascending) this strategy runs: all of them, or
    /// a sample drawn without replacement by Floyd's algorithm, seeded by <paramref name="seed"/>, which
    /// touches only the points it picks, so a huge grid costs no more than its sample.
    /// </summary>
    public IReadOnlyList<long> Pick(long points, long seed)
    {
        var size = SampleSize(points);
        if (size >= points)
        {
            return LongRange(points);
        }

        var random = Generator(seed);
        var chosen = new HashSet<long>();
        for (var j = points - size; j < points; j++)
        {
            var t = random.NextInt64(0, j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        return [.. chosen.Order()];
    }

    /// <summary>The generator of a seed (a search's or a config's): the same seed draws the same sample, the
    /// same queue order and the same validation split.</summary>
    public static Random Generator(long seed) => new(unchecked((int)(seed ^ (seed >> 32))));

    public override string ToString() => Kind switch
    {
        StrategyKind.Grid => "grid",
        StrategyKind.Tpe => Count is { } n ? string.Create(CultureInfo.InvariantCulture, $"tpe {n}") : "tpe",
        _ => string.Create(CultureInfo.InvariantCulture, $"random {(Count is { } c ? c.ToString(CultureInfo.InvariantCulture) : Fraction!.Value.ToString(CultureInfo.InvariantCulture) + " of the grid")}"),
    };

    private static long[] LongRange(long count)
    {
        var all = new long[count];
        for (var i = 0L; i < count; i++)
        {
            all[i] = i;
        }

        return all;
    }
}
