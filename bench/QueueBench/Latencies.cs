namespace GridSearch.QueueBench;

/// <summary>Percentiles of a set of timings, in milliseconds.</summary>
internal static class Latencies
{
    public static (double Median, double P95) Of(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return (At(sorted, 0.5), At(sorted, 0.95));
    }

    public static (double Median, double P99) MedianAndP99(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return (At(sorted, 0.5), At(sorted, 0.99));
    }

    private static double At(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
