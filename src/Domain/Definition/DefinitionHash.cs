using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace GridSearch.Domain.Definition;

/// <summary>
/// What makes two submitted definitions the same one: SHA-256 (hex) of the definition's canonical JSON,
/// in which object members are sorted by name, whitespace is gone and a number is written by its value
/// (<c>1e-3</c> and <c>0.001</c>, <c>2</c> and <c>2.0</c> are one number). Everything else counts: the
/// name, the seed and the order of a grid axis's values (which orders the trials) all tell definitions apart.
/// </summary>
public static class DefinitionHash
{
    public static string Compute(JsonElement definition)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, definition);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(CanonicalNumber(element));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>Whole numbers exactly (a seed may exceed a double's 53 bits), others as decimals without
    /// trailing zeros, and what a decimal cannot hold as the shortest round-tripping double.</summary>
    private static string CanonicalNumber(JsonElement number) =>
        number.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture)
        : number.TryGetDecimal(out var exact) ? CanonicalDecimal(exact)
        : number.GetDouble().ToString("R", CultureInfo.InvariantCulture);

    private static string CanonicalDecimal(decimal value) =>
        value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("G29", CultureInfo.InvariantCulture);
}
