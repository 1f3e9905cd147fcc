using System.Text.Json;

namespace GridSearch.Domain.Definition;

/// <summary>
/// Text a user sends must be storable by PostgreSQL as it is: text and jsonb refuse NUL characters
/// (\u0000), and UTF-8 cannot encode a lone UTF-16 surrogate, so either would otherwise surface as a
/// server error on insert. Checked here so the answer is a 400 naming the field.
/// </summary>
public static class StoredText
{
    /// <summary>The problem with <paramref name="value"/>, or null when it is storable and short enough.</summary>
    public static string? Problem(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters.";
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return "must not contain NUL characters (\\u0000).";
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return LoneSurrogate;
            }
        }

        return null;
    }

    /// <summary>Adds the problem with <paramref name="value"/>, if any, under <paramref name="field"/>; true when fine.</summary>
    public static bool Check(ValidationErrors errors, string field, string? value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null || Problem(value, maxLength) is not { } problem)
        {
            return true;
        }

        errors.Add(field, problem);
        return false;
    }

    /// <summary>
    /// Checks every string and property name in a JSON document (errors under their JSON path), since a
    /// definition is stored as jsonb, and refuses a property name repeated in one object. Escaped lone surrogates ("\ud800") parse, but cannot be read back
    /// as a string: that is reported too.
    /// </summary>
    public static bool CheckJson(ValidationErrors errors, JsonElement element, int maxStringLength, string path = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        Walk(errors, element, maxStringLength, path);
        return errors.Count == before;
    }

    private static void Walk(ValidationErrors errors, JsonElement element, int maxStringLength, string path)
    {
        var here = path.Length == 0 ? "body" : path;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = Read(() => property.Name);
                    if (name is null || Problem(name, maxStringLength) is not null)
                    {
                        errors.Add(here, $"has a property name that {(name is null ? LoneSurrogate : Problem(name, maxStringLength))}");
                        continue;
                    }

                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!seen.Add(name))
                    {
                        // JSON leaves a repeated name's meaning open; jsonb keeps the last, a reader may take the first.
                        errors.Add(child, "is given more than once.");
                        continue;
                    }

                    Walk(errors, property.Value, maxStringLength, child);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(errors, item, maxStringLength, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                var text = Read(element.GetString);
                if ((text is null ? LoneSurrogate : Problem(text, maxStringLength)) is { } problem)
                {
                    errors.Add(here, problem);
                }

                break;
        }
    }

    /// <summary>A JSON string's text, or null with the problem added under <paramref name="field"/> when its
    /// escapes make no valid UTF-16.</summary>
    public static string? Text(JsonElement element, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = Read(element.GetString);
        if (text is null)
        {
            errors.Add(field, LoneSurrogate);
        }

        return text;
    }

    private const string LoneSurrogate = "must be valid Unicode (it has a lone UTF-16 surrogate).";

    /// <summary>The unescaped text, or null when its escapes make no valid UTF-16 (System.Text.Json throws then).</summary>
    private static string? Read(Func<string?> read)
    {
        try
        {
            return read() ?? "";
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
