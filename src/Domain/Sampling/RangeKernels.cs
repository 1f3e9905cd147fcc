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

    /// <summary>Per component (observations, then the prior): its kernel. Observations on one value share a
    /// kernel (they share the bandwidth), so whole numbers cost a kernel per value seen, not per observation.</summary>
    private readonly int[] kernelOf;

    private readonly double[] mu;
    private readonly double[] sigma;
    private readonly double[] inverseSigma;

    /// <summary>Per kernel: −log(truncation mass), the normaliser of a cell's mass.</summary>
    private readonly double[] logInverseMass;

    /// <summary>Per kernel: −log(truncation mass) − log σ − log √(2π), the log density's constant.</summary>
    private readonly double[] logConstant;

    /// <summary>Per kernel: its log value at the value last asked for, before it is spread over the components.</summary>
    private readonly double[] kernelColumn;

    public RangeKernels(RangeScale scale, ReadOnlySpan<double> values, int dimensions, TpeOptions options)
    {
        this.scale = scale;
        var n = values.Length;
        var low = scale.Low;
        var high = scale.High;
        var width = high - low;
        var bandwidth = options.ClampBandwidth(Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (dimensions + 4)) * width, width, n);
        kernelOf = new int[n + 1];
        var kernelAt = new Dictionary<double, int>();
        var centres = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var centre = scale.ToScaled(values[i]);
            if (!kernelAt.TryGetValue(centre, out kernelOf[i]))
            {
                kernelOf[i] = kernelAt[centre] = centres.Count;
                centres.Add(centre);
            }
        }

        kernelOf[n] = centres.Count;
        centres.Add(0.5 * (low + high));
        var kernels = centres.Count;
        mu = [.. centres];
        sigma = new double[kernels];
        inverseSigma = new double[kernels];
        logInverseMass = new double[kernels];
        logConstant = new double[kernels];
        kernelColumn = new double[kernels];
        for (var k = 0; k < kernels; k++)
        {
            sigma[k] = k < kernels - 1 ? bandwidth : width;
            if (width <= 0)
            {
                continue;
            }

            inverseSigma[k] = 1 / sigma[k];
            logInverseMass[k] = -NormalMath.LogCoveringMass((low - mu[k]) * inverseSigma[k], (high - mu[k]) * inverseSigma[k]);
            logConstant[k] = logInverseMass[k] - Math.Log(sigma[k]) - NormalMath.LogSqrtTwoPi;
        }
    }

    public void LogKernels(double value, Span<double> column)
    {
        if (scale.High <= scale.Low)
        {
            column[..kernelOf.Length].Clear();
            return;
        }

        if (scale.Integer)
        {
            LogCellMasses(value);
        }
        else
        {
            LogPointDensities(scale.ToScaled(value));
        }

        for (var i = 0; i < kernelOf.Length; i++)
        {
            column[i] = kernelColumn[kernelOf[i]];
        }
    }

    public double Sample(int component, Random random) =>
        scale.High <= scale.Low
            ? scale.FromScaled(scale.Low)
            : scale.FromScaled(NormalMath.SampleTruncated(mu[kernelOf[component]], sigma[kernelOf[component]], scale.Low, scale.High, random));

    private void LogPointDensities(double x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var xs = new Vector<double>(x);
            var half = new Vector<double>(0.5);
            for (; i <= mu.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var z = (xs - new Vector<double>(mu.AsSpan(i))) * new Vector<double>(inverseSigma.AsSpan(i));
                (new Vector<double>(logConstant.AsSpan(i)) - (half * z * z)).CopyTo(kernelColumn.AsSpan(i));
            }
        }

        for (; i < mu.Length; i++)
        {
            var z = (x - mu[i]) * inverseSigma[i];
            kernelColumn[i] = logConstant[i] - (0.5 * z * z);
        }
    }

    /// <summary>log of each kernel's mass over a whole number's cell: where the cell is under half a bandwidth
    /// wide, the density at its middle times its width corrected by the curvature (exact to w⁴, as in
    /// <see cref="RangeDensity"/>), else Φ(b) − Φ(a) in log space.</summary>
    private void LogCellMasses(double value)
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
                kernelColumn[i] = logConstant[i] + logWidth - (0.5 * m * m) + (Math.Abs(t) < 1e-4 ? t : Math.Log(1 + t));
            }
            else
            {
                kernelColumn[i] = logInverseMass[i] + NormalMath.LogCdfDifference((from - mu[i]) * inverseSigma[i], (to - mu[i]) * inverseSigma[i]);
            }
        }
    }
}
