using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridSearch.Cli.Export;

/// <summary>The JSON export: an array of flat objects, one per trial, with the CSV's columns in its order.</summary>
internal static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter writer, TrialRows table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder }))
        {
            json.WriteStartArray();
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                foreach (var column in table.Columns)
                {
                    json.WritePropertyName(column);
                    if (row.GetValueOrDefault(column) is { } value)
                    {
                        value.WriteTo(json, Options);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }
}
