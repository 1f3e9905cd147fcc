namespace GridSearch.Domain.Analysis;

/// <summary>
/// A configuration's values of one metric, one per finished repeat: how many, their mean, the sample
/// standard deviation (n − 1 in the denominator: the repeats are a sample of the seeds one could run),
/// the 95% confidence interval of the mean, mean ± t(0.975, n − 1)·s/√n (Student's t, as the repeats
/// are few and their spread is estimated from them), and the smallest and largest value. With fewer than
/// two values there is no spread to estimate: <see cref="StandardDeviation"/>, <see cref="Low"/> and
/// <see cref="High"/> are null.
/// </summary>
public sealed record MetricSummary(int N, double Mean, double? StandardDeviation, double? Low, double? High, double Min, double Max)
{
    /// <summary>The confidence level of <see cref="Low"/>..<see cref="High"/>.</summary>
    public const double Confidence = 0.95;

    /// <summary>Half the interval's width (the ± of mean ± half-width); null without an interval.</summary>
    public double? HalfWidth => High - Mean;

    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A summary needs at least one value.", nameof(values));
        }

        var n = values.Count;
        var mean = values.Average();
        if (n < 2)
        {
            return new MetricSummary(n, mean, null, null, null, values[0], values[0]);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentT.Quantile(1 - ((1 - Confidence) / 2), n - 1) * sd / Math.Sqrt(n);
        return new MetricSummary(n, mean, sd, mean - half, mean + half, values.Min(), values.Max());
    }
}
