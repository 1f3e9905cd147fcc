using System.Globalization;
using CsvHelper;

namespace GridSearch.Core.Export;

/// <summary>RFC 4180 text, written by CsvHelper: fields separated by commas, every line (the header's
/// too) ended by CRLF, and a field quoted, its quotes doubled, when it holds a comma, a quote or a line
/// break, or starts or ends with a space or tab (which some readers would otherwise trim).</summary>
public static class Csv
{
    public const string LineEnd = "\r\n";

    private static readonly CsvWriterOptions Rfc4180 = CsvWriterOptions.Default with
    {
        NewLine = LineEnd,
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
    };

    /// <summary>The lines, each a list of fields, as CSV text.</summary>
    public static string Write(IEnumerable<IEnumerable<string>> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Rfc4180, true))
        {
            foreach (var line in lines)
            {
                csv.WriteRecord([.. line]);
            }
        }

        return text.ToString();
    }
}
