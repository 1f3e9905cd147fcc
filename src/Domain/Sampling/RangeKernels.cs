using System.Numerics;

namespace GridSearch.Domain.Sampling;

/// <summary>
/// A range axis's kernels in a joint estimator, as Optuna's multivariate TPE builds them: a Gaussian truncated to
/// the range per observation, all with one bandwidth, 0.2 n^(−1/(d+4)) × the range's width (Scott's rule over d
/// axes and n observations), clipped as <see cref="TpeOptions.MagicClip"/> says; the prior's centred on the range,
/// as wide as it. Values live in the axis's <see cref="RangeScale"/>; a whole number's kernel value is the
/// kernel's mass over its cell, as in <see cref="RangeDensity"/>.
/// </summary>
internal sealed class RangeKernels : IAxisKernels
{
    private const double Sigma0Magnitude = 0.2;

    private readonly RangeScale scale;
    private readonly double[] mu;
    private readonly double[] sigma;
    private readonly double[] inverseSigma;

    /// <summary>Per kernel: −log(truncation mass), the normaliser of a cell's mass.</summary>
    private readonly double[] logInverseMass;

    /// <summary>Per kernel: −log(truncation mass) − log σ − log √(2π), the log density's constant.</summary>
    private readonly double[] logConstant;

    public RangeKernels(RangeScale scale, ReadOnlySpan<double> values, int dimensions, TpeOptions options)
    {
        this.scale = scale;
        var n = values.Length;
        var low = scale.Low;
        var high = scale.High;
        var width = high - low;
        var bandwidth = Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (dimensions + 4)) * width;
        var minSigma = options.MagicClip ? width / Math.Min(100.0, 1.0 + n + 1) : 1e-12;
        bandwidth = Math.Clamp(bandwidth, minSigma, Math.Max(minSigma, width));
        mu = new double[n + 1];
        sigma = new double[n + 1];
        inverseSigma = new double[n + 1];
        logInverseMass = new double[n + 1];
        logConstant = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            (mu[i], sigma[i]) = i < n ? (scale.ToScaled(values[i]), bandwidth) : (0.5 * (low + high), width);
            if (width <= 0)
            {
                continue;
            }

            inverseSigma[i] = 1 / sigma[i];
            logInverseMass[i] = -NormalMath.LogCoveringMass((low - mu[i]) * inverseSigma[i], (high - mu[i]) * inverseSigma[i]);
            logConstant[i] = logInverseMass[i] - Math.Log(sigma[i]) - NormalMath.LogSqrtTwoPi;
        }
    }

    public void LogKernels(double value, Span<double> column)
    {
        if (scale.High <= scale.Low)
        {
            column[..mu.Length].Clear();
            return;
        }

        if (scale.Integer)
        {
            LogCellMasses(value, column);
            return;
        }

        var x = scale.ToScaled(value);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var xs = new Vector<double>(x);
            var half = new Vector<double>(0.5);
            for (; i <= mu.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var z = (xs - new Vector<double>(mu.AsSpan(i))) * new Vector<double>(inverseSigma.AsSpan(i));
                (new Vector<double>(logConstant.AsSpan(i)) - (half * z * z)).CopyTo(column[i..]);
            }
        }

        for (; i < mu.Length; i++)
        {
            var z = (x - mu[i]) * inverseSigma[i];
            column[i] = logConstant[i] - (0.5 * z * z);
        }
    }

    public double Sample(int component, Random random) =>
        scale.High <= scale.Low
            ? scale.FromScaled(scale.Low)
            : scale.FromScaled(NormalMath.SampleTruncated(mu[component], sigma[component], scale.Low, scale.High, random));

    /// <summary>log of each kernel's mass over a whole number's cell: where the cell is under half a bandwidth
    /// wide, the density at its middle times its width corrected by the curvature (exact to w⁴, as in
    /// <see cref="RangeDensity"/>), else Φ(b) − Φ(a) in log space.</summary>
    private void LogCellMasses(double value, Span<double> column)
    {
        var (from, to) = scale.Cell(value);
        var middle = 0.5 * (from + to);
        var width = to - from;
        var logWidth = Math.Log(width);
        for (var i = 0; i < mu.Length; i++)
        {
            var w = width * inverseSigma[i];
            if (w < 0.5)
            {
                var m = (middle - mu[i]) * inverseSigma[i];
                var t = w * w * ((m * m) - 1) / 24;
                column[i] = logConstant[i] + logWidth - (0.5 * m * m) + (Math.Abs(t) < 1e-4 ? t : Math.Log(1 + t));
            }
            else
            {
                column[i] = logInverseMass[i] + NormalMath.LogCdfDifference((from - mu[i]) * inverseSigma[i], (to - mu[i]) * inverseSigma[i]);
            }
        }
    }
}
