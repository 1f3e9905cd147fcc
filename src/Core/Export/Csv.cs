using System.Text;

namespace GridSearch.Core.Export;

/// <summary>RFC 4180 text: fields separated by commas, every line (the header's too) ended by CRLF, and a
/// field quoted, its quotes doubled, when it holds a comma, a quote or a line break, or starts or ends
/// with white space (which some readers would otherwise trim).</summary>
public static class Csv
{
    public const string LineEnd = "\r\n";

    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quote = text.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
        return quote ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static StringBuilder AppendLine(StringBuilder csv, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(fields);
        return csv.AppendJoin(',', fields.Select(Field)).Append(LineEnd);
    }
}
