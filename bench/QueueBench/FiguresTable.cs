using System.Globalization;

namespace GridSearch.QueueBench;

/// <summary>The bench's results, printed as one aligned table at the end (and as each row comes in,
/// so a slow step shows where it is).</summary>
internal sealed class FiguresTable
{
    private readonly List<string[]> rows = [];

    public void Add(string step, string measure, string value)
    {
        rows.Add([step, measure, value]);
        Console.WriteLine($"  {step}: {measure} = {value}");
    }

    public static string Format(double value, string unit) =>
        value.ToString(value >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture) + " " + unit;

    public void Print(TextWriter writer)
    {
        string[] header = ["step", "measure", "value"];
        var widths = Enumerable.Range(0, 3).Select(c => rows.Append(header).Max(r => r[c].Length)).ToArray();
        writer.WriteLine();
        writer.WriteLine(Line(header));
        writer.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            writer.WriteLine(Line(row));
        }

        string Line(string[] cells) =>
            string.Join(" | ", cells.Select((cell, c) => c == 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])));
    }
}
