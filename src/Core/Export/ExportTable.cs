using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Export;

/// <summary>
/// A search's trials as one row each under one set of columns (<see cref="SearchExport"/> says which).
/// The cells are typed JSON values; the JSON export writes them as they are, the CSV export prints
/// each with <see cref="Axis.Print"/> (names as they are, numbers invariantly, lists joined with
/// <see cref="Axis.ListSeparator"/>, null as an empty field), so both carry the same columns and values.
/// </summary>
public sealed class ExportTable
{
    private static readonly JsonWriterOptions JsonLayout = new()
    {
        Indented = true,
        NewLine = "\n",
        // A file to download, never pasted into HTML: error messages keep their quotes and accents.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ExportTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<JsonElement>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Any(r => r.Count != columns.Count))
        {
            throw new ArgumentException("Every row needs one value per column.", nameof(rows));
        }

        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyList<JsonElement>> Rows { get; }

    /// <summary>RFC 4180 (<see cref="Csv"/>): the header, then one line per trial, CRLF line ends.</summary>
    public string ToCsv()
    {
        return Csv.Write([Columns, .. Rows.Select(row => row.Select(Axis.Print))]);
    }

    /// <summary>An array of one object per trial, its keys the columns in their order; indented with
    /// LF line ends and ended by a line end.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonLayout))
        {
            json.WriteStartArray();
            foreach (var row in Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < Columns.Count; i++)
                {
                    json.WritePropertyName(Columns[i]);
                    row[i].WriteTo(json);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }
}
