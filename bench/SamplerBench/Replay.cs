using System.Globalization;
using GridSearch.Domain.Analysis;
using GridSearch.Domain.Sampling;

namespace GridSearch.SamplerBench;

/// <summary>Trials until the best is found, replaying a trained grid four ways: the grid's order, random without
/// replacement, and TPE, univariate and multivariate, learning from val_accuracy (negated: lower is better),
/// refusing points already tried.</summary>
internal static class Replay
{
    public static void Run(string directory, int seeds)
    {
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            Console.WriteLine($"== replay: no grids (*.csv) in {directory}; nothing to replay");
            return;
        }

        var grids = files.Select(ReplayGrid.Load).ToList();
        var largest = grids.MaxBy(g => g.Rows.Count)!;
        foreach (var grid in grids)
        {
            var axes = string.Join(" × ", grid.Space.Axes.Select(a => $"{a.Name} {a.Choices!.Count}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"== replay {grid.Name}: {grid.Rows.Count} configurations ({axes}){(grid.Duplicates > 0 ? $", {grid.Duplicates} duplicate rows left out" : "")}; best test_accuracy {grid.BestTest}, found within {grid.Tolerance}; {seeds} seeds"));
            var gridOrder = GridOrder(grid);
            var random = Enumerable.Range(1, seeds).Select(s => RandomOrder(grid, s)).ToArray();
            var tpe = Enumerable.Range(1, seeds).Select(s => Tpe(grid, s, multivariate: false)).ToArray();
            var joint = Enumerable.Range(1, seeds).Select(s => Tpe(grid, s, multivariate: true)).ToArray();
            Console.WriteLine("   strategy            median    p90   (trials until found)");
            Console.WriteLine($"   grid order          {gridOrder,6}  {gridOrder,5}   (one order)");
            Print("random", random);
            Print("tpe", tpe);
            Print("tpe (multivariate)", joint);
            if (grid == largest)
            {
                foreach (var (mode, trials) in new[] { ("univariate", tpe), ("multivariate", joint) })
                {
                    var ratio = Median(trials) / Median(random);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"   largest grid: {mode} TPE's median / random's = {ratio:F2}; goal <= 0.5: {(ratio <= 0.5 ? "met" : "NOT met")}"));
                }
            }
        }
    }

    private static int GridOrder(ReplayGrid grid) => grid.Rows.FindIndex(r => grid.Finds(r.Test)) + 1;

    private static int RandomOrder(ReplayGrid grid, int seed)
    {
        var order = grid.Rows.ToArray();
        new Random(seed).Shuffle(order);
        return Array.FindIndex(order, r => grid.Finds(r.Test)) + 1;
    }

    private static int Tpe(ReplayGrid grid, int seed, bool multivariate)
    {
        var sampler = new TpeSampler(new TpeOptions { Multivariate = multivariate });
        var random = new Random(seed);
        var observed = new List<Observation>();
        var tried = new HashSet<string>(StringComparer.Ordinal);
        // A combination the file lacks (a grid with holes) is refused like one already tried.
        bool IsTaken(IReadOnlyList<object> point)
        {
            var key = ReplayGrid.Key(point);
            return tried.Contains(key) || !grid.ByKey.ContainsKey(key);
        }

        while (sampler.Suggest(grid.Space, observed, [], IsTaken, random) is { } point)
        {
            var row = grid.ByKey[ReplayGrid.Key(point)];
            tried.Add(row.Key);
            if (grid.Finds(row.Test))
            {
                return tried.Count;
            }

            observed.Add(new Observation(point, -row.Val));
        }

        throw new InvalidOperationException($"{grid.Name}: TPE ran out of points before the best (seed {seed}).");
    }

    private static void Print(string strategy, int[] trials) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {strategy,-18}  {Median(trials),6}  {P90(trials),5}"));

    private static double Median(int[] values) => Statistics.Median(values.Select(v => (double)v));

    private static double P90(int[] values) => SuggestionCost.Percentile([.. values.Order().Select(v => (double)v)], 0.9);
}
