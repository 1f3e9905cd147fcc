using System.Globalization;
using GridSearch.Domain.Sampling;
using GridSearch.Testing;

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
        var records = CsvReader.Parse(File.ReadAllText(path));
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
}
