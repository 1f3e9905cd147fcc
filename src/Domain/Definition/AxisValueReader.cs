using System.Globalization;
using System.Text.Json;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Definition;

/// <summary>
/// Reads one axis's values from JSON into typed values: int, double, bool, a vocabulary enum,
/// int[] (widths) or ActivationFunction[] (per-layer activations). Every problem goes into the errors under
/// the JSON path it was found at.
/// </summary>
internal static class AxisValueReader
{
    /// <summary>A grid entry: a non-empty list of values, or a range object for numeric axes. With
    /// <paramref name="continuous"/> (a random search) a range without step or count is one
    /// <see cref="ContinuousRange"/> that each trial draws from.</summary>
    public static List<object>? ReadGrid(Axis axis, JsonElement element, string path, int maxValues, ValidationErrors errors, bool continuous = false)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (!axis.IsNumeric)
            {
                errors.Add(path, $"'{axis.Name}' is not numeric, so it takes a list of values, not a range.");
                return null;
            }

            return ReadRange(axis, element, path, maxValues, errors, continuous);
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, "must be a list of values or a range object {\"min\", \"max\", \"step\" | \"count\", \"log\"}.");
            return null;
        }

        if (element.GetArrayLength() == 0)
        {
            errors.Add(path, "must list at least one value.");
            return null;
        }

        var values = new List<object>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            var value = ReadOne(axis, item, itemPath, errors);
            if (value is null)
            {
                continue;
            }

            if (!seen.Add(Canonical(value)))
            {
                errors.Add(itemPath, "repeats a value already in the list.");
                continue;
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>One value of the axis (a <c>fixed</c> entry, or an item of a grid list).</summary>
    public static object? ReadOne(Axis axis, JsonElement element, string path, ValidationErrors errors)
    {
        switch (axis.Kind)
        {
            case AxisKind.Integer:
                return ReadInteger(axis, element, path, errors);
            case AxisKind.Number:
                if (element.ValueKind != JsonValueKind.Number)
                {
                    errors.Add(path, $"must be a number, got {Describe(element)}.");
                    return null;
                }

                return Checked(axis, element.GetDouble(), path, errors);
            case AxisKind.Boolean:
                if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(path, $"must be true or false, got {Describe(element)}.");
                    return null;
                }

                return element.GetBoolean();
            case AxisKind.Choice:
                return ReadChoice(axis, element, path, errors);
            case AxisKind.Widths:
                return ReadWidths(axis, element, path, errors);
            case AxisKind.Activation:
                if (element.ValueKind == JsonValueKind.Array)
                {
                    return ReadList(element, path, errors, (item, itemPath) => (ActivationFunction?)ReadChoice(axis, item, itemPath, errors))?.Select(a => a!.Value).ToArray();
                }

                return ReadChoice(axis, element, path, errors);
            default:
                throw new InvalidOperationException($"Unhandled axis kind {axis.Kind}.");
        }
    }

    private static object? ReadInteger(Axis axis, JsonElement element, string path, ValidationErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value))
        {
            errors.Add(path, $"must be a whole number, got {Describe(element)}.");
            return null;
        }

        var problem = axis.CheckRange(value);
        if (problem is not null)
        {
            errors.Add(path, problem + ".");
            return null;
        }

        if (axis.Odd && value % 2 == 0)
        {
            errors.Add(path, $"must be odd so that 'same' padding is symmetric, got {value}.");
            return null;
        }

        return (int)value;
    }

    private static object? Checked(Axis axis, double value, string path, ValidationErrors errors)
    {
        var problem = double.IsFinite(value) ? axis.CheckRange(value) : "must be finite";
        if (problem is not null)
        {
            errors.Add(path, problem + ".");
            return null;
        }

        return value;
    }

    private static Enum? ReadChoice(Axis axis, JsonElement element, string path, ValidationErrors errors)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, $"must be one of {string.Join(", ", axis.Choices!)}; got {Describe(element)}.");
            return null;
        }

        var text = element.GetString()!;
        if (!EnumNames.TryParse(axis.EnumType!, text, out var value))
        {
            errors.Add(path, $"unknown {axis.Name} '{text}'; {DidYouMean.Hint(text, axis.Choices!) ?? $"allowed: {string.Join(", ", axis.Choices!)}."}");
            return null;
        }

        return value;
    }

    private static int[]? ReadWidths(Axis axis, JsonElement element, string path, ValidationErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"must be a list of hidden-layer widths such as [512, 256], got {Describe(element)}.");
            return null;
        }

        var widths = ReadList(element, path, errors, (item, itemPath) => ReadInteger(axis, item, itemPath, errors) is int width ? width : (int?)null);
        return widths?.Select(w => w!.Value).ToArray();
    }

    private static T[]? ReadList<T>(JsonElement element, string path, ValidationErrors errors, Func<JsonElement, string, T?> read)
    {
        if (element.GetArrayLength() == 0)
        {
            errors.Add(path, "must not be empty.");
            return null;
        }

        var items = new List<T>();
        var ok = true;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var value = read(item, $"{path}[{index++}]");
            if (value is null)
            {
                ok = false;
            }
            else
            {
                items.Add(value);
            }
        }

        return ok ? items.ToArray() : null;
    }

    private static List<object>? ReadRange(Axis axis, JsonElement element, string path, int maxValues, ValidationErrors errors, bool continuous)
    {
        double? min = null, max = null, step = null;
        long? count = null;
        var log = false;
        var before = errors.Count;
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = $"{path}.{property.Name}";
            var value = property.Value;
            switch (property.Name)
            {
                case "min" or "max" or "step":
                    if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
                    {
                        errors.Add(propertyPath, $"must be a number, got {Describe(value)}.");
                        break;
                    }

                    if (property.Name == "min") { min = value.GetDouble(); }
                    else if (property.Name == "max") { max = value.GetDouble(); }
                    else { step = value.GetDouble(); }
                    break;
                case "count":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var c) || c < 1)
                    {
                        errors.Add(propertyPath, $"must be a whole number >= 1, got {Describe(value)}.");
                        break;
                    }

                    count = c;
                    break;
                case "log":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        errors.Add(propertyPath, $"must be true or false, got {Describe(value)}.");
                        break;
                    }

                    log = value.GetBoolean();
                    break;
                default:
                    errors.Add(propertyPath, "unknown range field; a range has min, max and either step or count (and log).");
                    break;
            }
        }

        if (min is null) { errors.Add($"{path}.min", "is required in a range."); }
        if (max is null) { errors.Add($"{path}.max", "is required in a range."); }
        var drawn = continuous && step is null && count is null;
        if ((step is null) == (count is null) && !drawn)
        {
            errors.Add(path, step is null
                ? "a range needs exactly one of step or count (a random search may give neither, to sample it continuously)."
                : "a range needs exactly one of step or count.");
        }

        if (errors.Count != before || min is null || max is null)
        {
            return null;
        }

        if (min > max) { errors.Add(path, $"min ({min}) is larger than max ({max})."); return null; }
        if (drawn)
        {
            return ReadContinuous(axis, min.Value, max.Value, log, path, errors);
        }

        if (step is <= 0) { errors.Add($"{path}.step", "must be > 0."); return null; }
        if (log && (step is not null || min <= 0)) { errors.Add($"{path}.log", "a log range needs count and min > 0."); return null; }

        var total = step is not null ? Math.Floor(((max.Value - min.Value) / step.Value) + 1e-9) + 1 : count!.Value;
        if (total > maxValues)
        {
            errors.Add(path, $"the range has {total.ToString(CultureInfo.InvariantCulture)} values, more than the {maxValues} trials a search may have.");
            return null;
        }

        var values = new List<object>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (int)total; i++)
        {
            double raw;
            if (step is not null)
            {
                raw = min.Value + (i * step.Value);
            }
            else if (total == 1)
            {
                raw = min.Value;
            }
            else if (log)
            {
                raw = Math.Exp(Math.Log(min.Value) + (i * (Math.Log(max.Value) - Math.Log(min.Value)) / (total - 1)));
            }
            else
            {
                raw = min.Value + (i * (max.Value - min.Value) / (total - 1));
            }

            // Decimal-friendly values: 0.1 + 2*0.1 should be 0.3, not 0.30000000000000004.
            raw = Math.Round(raw, 12);
            var value = axis.Kind == AxisKind.Integer
                ? ReadInteger(axis, JsonDocument.Parse(Math.Round(raw).ToString(CultureInfo.InvariantCulture)).RootElement, path, errors)
                : Checked(axis, raw, path, errors);
            if (value is not null && seen.Add(Canonical(value)))
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>A continuous range: both ends must be values of the axis (every value between them then is).</summary>
    private static List<object>? ReadContinuous(Axis axis, double min, double max, bool log, string path, ValidationErrors errors)
    {
        var before = errors.Count;
        if (log && min <= 0) { errors.Add($"{path}.log", "a log range needs min > 0."); }
        if (axis.Odd) { errors.Add(path, $"'{axis.Name}' must be odd, which a continuous draw cannot keep: give a step of 2 or a list."); }
        var integer = axis.Kind == AxisKind.Integer;
        if (integer && (min != Math.Floor(min) || max != Math.Floor(max))) { errors.Add(path, $"'{axis.Name}' takes whole numbers: min and max must be whole."); }
        if (errors.Count != before)
        {
            return null;
        }

        foreach (var (end, name) in new[] { (min, "min"), (max, "max") })
        {
            _ = integer
                ? ReadInteger(axis, JsonDocument.Parse(end.ToString(CultureInfo.InvariantCulture)).RootElement, $"{path}.{name}", errors)
                : Checked(axis, end, $"{path}.{name}", errors);
        }

        return errors.Count == before ? [new ContinuousRange(min, max, log, integer)] : null;
    }

    /// <summary>A value's JSON text, which is also how two values compare.</summary>
    public static string Canonical(object value) => VocabularyJson.Serialize(value);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };
}
