using System.Globalization;
using System.Text;
using GridSearch.Domain.Sampling;

namespace GridSearch.SamplerBench;

/// <summary>
/// A trained grid read from CSV: a header row, then one row per configuration, a column per axis (values as the
/// definition writes them; a list as a JSON string) and the val_accuracy and test_accuracy columns. Each axis is
/// categorical over the distinct values of its column, in the order they first appear.
/// </summary>
internal sealed class ReplayGrid
{
    private const char KeySeparator = '\u001f';

    private ReplayGrid(string name, SamplingSpace space, List<(string Key, double Val, double Test)> rows, int duplicates)
    {
        Name = name;
        Space = space;
        Rows = rows;
        Duplicates = duplicates;
        ByKey = rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First());
        BestTest = rows.Max(r => r.Test);
        // Accuracies as fractions (≤ 1) or as percentages: 0.1 percentage points either way.
        Tolerance = BestTest <= 1 ? 0.001 : 0.1;
    }

    public string Name { get; }

    public SamplingSpace Space { get; }

    /// <summary>The configurations in the file's order (the grid's order).</summary>
    public List<(string Key, double Val, double Test)> Rows { get; }

    public Dictionary<string, (string Key, double Val, double Test)> ByKey { get; }

    /// <summary>Rows left out because an earlier row has the same configuration.</summary>
    public int Duplicates { get; }

    public double BestTest { get; }

    public double Tolerance { get; }

    public bool Finds(double test) => test >= BestTest - Tolerance - 1e-12;

    public static string Key(IEnumerable<object> point) => string.Join(KeySeparator, point);

    public static ReplayGrid Load(string path)
    {
        var records = Csv(File.ReadAllText(path));
        if (records.Count < 2)
        {
            throw new InvalidDataException($"{path}: a header and at least one row expected.");
        }

        var header = records[0];
        var val = header.IndexOf("val_accuracy");
        var test = header.IndexOf("test_accuracy");
        if (val < 0 || test < 0)
        {
            throw new InvalidDataException($"{path}: the header names no val_accuracy or test_accuracy column.");
        }

        var axisColumns = Enumerable.Range(0, header.Count).Where(c => c != val && c != test).ToArray();
        var choices = axisColumns.Select(_ => new List<string>()).ToArray();
        var rows = new List<(string Key, double Val, double Test)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var record in records.Skip(1).Where(r => r.Count == header.Count))
        {
            for (var a = 0; a < axisColumns.Length; a++)
            {
                if (!choices[a].Contains(record[axisColumns[a]]))
                {
                    choices[a].Add(record[axisColumns[a]]);
                }
            }

            var key = Key(axisColumns.Select(c => record[c]));
            if (!seen.Add(key))
            {
                duplicates++;
                continue;
            }

            rows.Add((key, double.Parse(record[val], CultureInfo.InvariantCulture), double.Parse(record[test], CultureInfo.InvariantCulture)));
        }

        var space = new SamplingSpace([.. axisColumns.Select((c, a) => SamplingAxis.Categorical(header[c], [.. choices[a]]))]);
        return new ReplayGrid(Path.GetFileNameWithoutExtension(path), space, rows, duplicates);
    }

    /// <summary>RFC 4180 records: fields split on commas, a quoted field may hold commas, quotes ("") and newlines.</summary>
    private static List<List<string>> Csv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                if (record.Count > 1 || record[0].Length > 0)
                {
                    records.Add(record);
                }

                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
