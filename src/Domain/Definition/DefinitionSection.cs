using System.Globalization;
using System.Text.Json;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Definition;

/// <summary>Reading an optional object section of a definition (<c>limits</c>, <c>pruner</c>) field by
/// field, with the checks their fields share, each error naming its path (<c>limits.maxTrials</c>).</summary>
internal static class DefinitionSection
{
    /// <summary>Calls <paramref name="field"/> with each field's path, name and value; false when the
    /// section is absent or null (nothing to read), or not an object (then with an error).</summary>
    public static bool Read(JsonElement definition, string section, string example, ValidationErrors errors, Action<string, string, JsonElement> field)
    {
        if (definition.ValueKind != JsonValueKind.Object
            || !definition.TryGetProperty(section, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(section, $"must be an object such as {example}.");
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            field($"{section}.{property.Name}", property.Name, property.Value);
        }

        return true;
    }

    /// <summary>One of an enum's names (<see cref="EnumNames"/>), or null with an error listing them.</summary>
    public static T? Choice<T>(JsonElement value, string path, ValidationErrors errors)
        where T : struct, Enum
    {
        if (value.ValueKind == JsonValueKind.String && EnumNames.TryParse(value.GetString()!, out T parsed))
        {
            return parsed;
        }

        errors.Add(path, $"must be one of {string.Join(", ", EnumNames.Choices<T>())}, got {value.GetRawText()}.");
        return null;
    }

    /// <summary>A whole number within [min, max], or null with an error.</summary>
    public static int? WholeNumber(JsonElement value, string path, int min, int max, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max)
        {
            return n;
        }

        errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"must be a whole number >= {min} and <= {max}, got {value.GetRawText()}."));
        return null;
    }

    /// <summary>A number &gt; 0 and &lt;= max, or null with an error.</summary>
    public static double? PositiveNumber(JsonElement value, string path, double max, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is var x && x > 0 && x <= max)
        {
            return x;
        }

        errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"must be a number > 0 and <= {max}, got {value.GetRawText()}."));
        return null;
    }

    public static void Unknown(string path, string fields, ValidationErrors errors) =>
        errors.Add(path, $"unknown field; {fields}.");
}
