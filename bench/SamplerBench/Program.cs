using System.Globalization;
using GridSearch.SamplerBench;

// The TPE sampler (GridSearch.Domain.Sampling.TpeSampler), no service, no training:
//   1. cost: milliseconds per suggestion, univariate and multivariate, with 1,000 finished observations on 8 axes
//      (goal: p99 ≤ 5 ms);
//   2. replay: the grids in bench/SamplerBench/data/*.csv (one row per configuration: a column per axis, then
//      val_accuracy and test_accuracy), replayed in grid order, at random (without replacement) and by TPE,
//      univariate and multivariate (learning from val_accuracy), 50 seeds each; a trial finds the best when its
//      test_accuracy is within 0.1 percentage points of the file's best. Goal, on the largest grid: TPE's median
//      ≤ 0.5 × random's.
//   dotnet run --project bench/SamplerBench -c Release -- [--cost-only | --replay-only] [--data DIR] [--seeds 50]
string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

var seeds = int.Parse(Option("--seeds") ?? "50", CultureInfo.InvariantCulture);
if (!args.Contains("--replay-only"))
{
    foreach (var multivariate in new[] { false, true })
    {
        SuggestionCost.Run(observations: 1000, pending: 0, multivariate);
        SuggestionCost.Run(observations: 1000, pending: 8, multivariate);
    }
}

if (!args.Contains("--cost-only"))
{
    var data = Option("--data") ?? Path.Combine(ProjectDirectory(), "data");
    Replay.Run(data, seeds);
}

return 0;

static string ProjectDirectory()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GridSearch.sln")))
            {
                return Path.Combine(directory.FullName, "bench", "SamplerBench");
            }
        }
    }

    throw new DirectoryNotFoundException("No GridSearch.sln above the bench or the current directory.");
}
