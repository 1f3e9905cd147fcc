using System.Diagnostics;
using System.Globalization;
using GridSearch.Domain.Sampling;

namespace GridSearch.SamplerBench;

/// <summary>Milliseconds per suggestion on a mixed 8-axis space (3 categorical, 2 continuous ranges, one of them
/// log, 3 whole-number ranges, one of them log) with a given number of finished and running trials.</summary>
internal static class SuggestionCost
{
    private const double GoalP99Milliseconds = 5;

    public static readonly SamplingSpace Space = new(
    [
        SamplingAxis.Categorical("optimizer", ["sgd", "adam", "rmsprop", "adagrad"]),
        SamplingAxis.Categorical("activation", ["relu", "tanh", "sigmoid"]),
        SamplingAxis.Categorical("architecture", ["[128]", "[256,128]", "[512,256]", "[512,256,128]", "[1024]"]),
        SamplingAxis.Range("learningRate", 1e-5, 1e-1, log: true, integer: false),
        SamplingAxis.Range("dropout", 0, 0.5, log: false, integer: false),
        SamplingAxis.Range("width", 16, 1024, log: false, integer: true),
        SamplingAxis.Range("batchSize", 16, 512, log: true, integer: true),
        SamplingAxis.Range("depth", 1, 8, log: false, integer: true),
    ]);

    public static void Run(int observations, int pending, bool multivariate, int timed = 300)
    {
        var random = new Random(1);
        var uniform = new TpeSampler(new TpeOptions { StartupTrials = int.MaxValue });
        var observed = new List<Observation>(observations);
        for (var i = 0; i < observations; i++)
        {
            var point = uniform.Suggest(Space, [], [], null, random)!;
            observed.Add(new Observation(point, Loss(point)));
        }

        var running = Enumerable.Range(0, pending).Select(_ => uniform.Suggest(Space, [], [], null, random)!).ToList();
        var sampler = new TpeSampler(new TpeOptions { Multivariate = multivariate });
        // Warm: the JIT's tiered compilation recompiles the hot loops after ~30 calls and a short delay.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(2))
        {
            sampler.Suggest(Space, observed, running, null, random);
        }

        var milliseconds = new double[timed];
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < timed; i++)
        {
            var clock = Stopwatch.StartNew();
            sampler.Suggest(Space, observed, running, null, random);
            milliseconds[i] = clock.Elapsed.TotalMilliseconds;
        }

        var processorMilliseconds = (Process.GetCurrentProcess().TotalProcessorTime - processor).TotalMilliseconds / timed;
        Array.Sort(milliseconds);
        var p50 = Percentile(milliseconds, 0.5);
        var p99 = Percentile(milliseconds, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== suggestion cost, {(multivariate ? "multivariate" : "univariate")}, 8 axes, {observations} finished + {pending} running, {timed} suggestions: p50 {p50:F2} ms, p99 {p99:F2} ms (processor time, all threads: {processorMilliseconds:F2} ms a suggestion; load average {LoadAverage()}); goal p99 <= {GoalP99Milliseconds} ms: {(p99 <= GoalP99Milliseconds ? "met" : "NOT met")}"));
    }

    /// <summary>A wall-clock latency on a shared machine is the machine's: its load is printed beside it.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Nearest rank, of sorted values.</summary>
    public static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Loss(IReadOnlyList<object> p) =>
        ((string)p[0] == "adam" ? 0 : 1) + ((string)p[1] == "relu" ? 0 : 0.5) + ((string)p[2] == "[512,256]" ? 0 : 0.3)
        + (Math.Pow(Math.Log10((double)p[3]) + 3, 2) / 4) + Math.Pow((double)p[4] - 0.2, 2)
        + Math.Pow(((int)p[5] - 300) / 1000.0, 2) + Math.Abs(Math.Log2((int)p[6] / 64.0) / 5) + (0.1 * Math.Abs((int)p[7] - 3));
}
