using System.Text.Json;
using System.Text.Json.Nodes;

namespace GridSearch.Cli.Export;

/// <summary>RFC 4180 CSV: a header, then one line per row; a field with a comma, quote or line break
/// is quoted, its quotes doubled.</summary>
internal static class CsvWriter
{
    public static void Write(TextWriter writer, TrialRows table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        WriteLine(writer, table.Columns);
        foreach (var row in table.Rows)
        {
            WriteLine(writer, table.Columns.Select(c => Text(row.GetValueOrDefault(c))));
        }
    }

    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])))
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;

    private static void WriteLine(TextWriter writer, IEnumerable<string> fields)
    {
        writer.Write(string.Join(',', fields.Select(Quote)));
        writer.Write('\n');
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
        _ => value.ToJsonString(ExportJson.Options),
    };
}
