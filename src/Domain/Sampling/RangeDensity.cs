using System.Numerics;

namespace GridSearch.Domain.Sampling;

/// <summary>
/// Optuna's Parzen estimator over a range: a mixture of Gaussians truncated to the range, one per observation
/// (centred on it) and the prior (centred on the range, as wide as it). Everything happens in the axis's
/// <see cref="RangeScale"/>: log space for a log range, and for whole numbers a range widened by half a step at
/// each end, each integer owning the cell of width one around it (in log space for a log range), its probability
/// the mixture's mass over that cell; a sample is drawn in the widened range and rounded, as Optuna's
/// discrete-step distributions do. A kernel's bandwidth is the larger distance to its neighbours (sorted, the
/// range's ends counting as neighbours unless <see cref="TpeOptions.ConsiderEndpoints"/> is off, where the
/// outermost kernels look inward only), clipped to [width / min(100, 1 + kernels), width] by the magic clip.
/// </summary>
internal sealed class RangeDensity : IAxisDensity
{
    private readonly RangeScale scale;
    private readonly double[] mu;
    private readonly double[] sigma;
    private readonly double[] inverseSigma;
    private readonly double[] logInverseSigma;
    private readonly double[] cumulativeWeight;

    /// <summary>Per kernel: log(weight) − log(truncation mass) − log σ − log √(2π), the log density's constant.</summary>
    private readonly double[] logConstant;

    /// <summary>Per kernel: log(weight) − log(truncation mass), for cell masses.</summary>
    private readonly double[] logWeightOverMass;

    public RangeDensity(RangeScale scale, ReadOnlySpan<double> values, ReadOnlySpan<double> weights, TpeOptions options)
    {
        this.scale = scale;
        var n = values.Length;
        var centres = new double[n];
        var bandwidths = new double[n];
        for (var i = 0; i < n; i++)
        {
            centres[i] = scale.ToScaled(values[i]);
        }

        var low = scale.Low;
        var high = scale.High;
        var width = high - low;
        Bandwidths(centres, bandwidths, low, high, options.ConsiderEndpoints);
        for (var i = 0; i < n; i++)
        {
            bandwidths[i] = options.ClampBandwidth(bandwidths[i], width, n);
        }

        // Kernels with one centre and one bandwidth are one kernel carrying their summed weight: whole numbers repeat
        // (a few values, many observations), and every kernel costs its share of each density.
        var merged = new Dictionary<(double Mu, double Sigma), int>();
        var rawWeights = new List<double>(n + 1);
        var muList = new List<double>(n + 1);
        var sigmaList = new List<double>(n + 1);
        for (var i = 0; i < n; i++)
        {
            if (merged.TryGetValue((centres[i], bandwidths[i]), out var k))
            {
                rawWeights[k] += weights[i];
                continue;
            }

            merged[(centres[i], bandwidths[i])] = muList.Count;
            muList.Add(centres[i]);
            sigmaList.Add(bandwidths[i]);
            rawWeights.Add(weights[i]);
        }

        muList.Add(0.5 * (low + high));
        sigmaList.Add(width);
        rawWeights.Add(options.PriorWeight);
        mu = [.. muList];
        sigma = [.. sigmaList];
        var kernels = mu.Length;
        inverseSigma = new double[kernels];
        logInverseSigma = new double[kernels];
        for (var i = 0; i < kernels; i++)
        {
            inverseSigma[i] = 1 / sigma[i];
            logInverseSigma[i] = -Math.Log(sigma[i]);
        }

        var total = 0.0;
        foreach (var weight in rawWeights)
        {
            total += weight;
        }

        cumulativeWeight = new double[kernels];
        logConstant = new double[kernels];
        logWeightOverMass = new double[kernels];
        var sum = 0.0;
        // Most weights are 1 (the ramp reaches only the oldest): their logarithm is one for all.
        var logUnitWeight = -Math.Log(total);
        for (var i = 0; i < kernels; i++)
        {
            var weight = rawWeights[i] / total;
            sum += weight;
            cumulativeWeight[i] = sum;
            if (width <= 0)
            {
                continue;
            }

            var mass = NormalMath.LogCoveringMass((low - mu[i]) * inverseSigma[i], (high - mu[i]) * inverseSigma[i]);
            logWeightOverMass[i] = (rawWeights[i] == 1 ? logUnitWeight : Math.Log(weight)) - mass;
            logConstant[i] = logWeightOverMass[i] + logInverseSigma[i] - NormalMath.LogSqrtTwoPi;
        }
    }

    public double Sample(Random random)
    {
        if (scale.High <= scale.Low)
        {
            return scale.FromScaled(scale.Low);
        }

        var k = CumulativeWeights.Draw(cumulativeWeight, random);
        return scale.FromScaled(NormalMath.SampleTruncated(mu[k], sigma[k], scale.Low, scale.High, random));
    }

    public double LogDensity(double value)
    {
        if (scale.High <= scale.Low)
        {
            return 0;
        }

        return scale.Integer ? LogCellMass(value) : LogPointDensity(scale.ToScaled(value));
    }

    private double LogPointDensity(double x)
    {
        var terms = mu.Length;
        var term = terms <= 1024 ? stackalloc double[terms] : new double[terms];
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var xs = new Vector<double>(x);
            var half = new Vector<double>(0.5);
            for (; i <= terms - Vector<double>.Count; i += Vector<double>.Count)
            {
                var z = (xs - new Vector<double>(mu.AsSpan(i))) * new Vector<double>(inverseSigma.AsSpan(i));
                (new Vector<double>(logConstant.AsSpan(i)) - (half * z * z)).CopyTo(term[i..]);
            }
        }

        for (; i < terms; i++)
        {
            var z = (x - mu[i]) * inverseSigma[i];
            term[i] = logConstant[i] - (0.5 * z * z);
        }

        return LogSumExp.Of(term);
    }

    /// <summary>log of the mixture's mass over a whole number's cell. Where the cell is narrow against a kernel's
    /// bandwidth (under half of it), Φ(b) − Φ(a) would lose its digits and cost two logarithms: the density at
    /// the cell's middle times its width, corrected by the curvature, w φ(m) (1 + w²(m² − 1)/24), is exact to w⁴
    /// there, and costs one exponential. Elsewhere the exact mass is computed only for the kernels whose bound,
    /// w φ(nearest edge) capped at 1, comes within e^−50 of the largest bound: the others add less than
    /// 1e-10 of the sum even a thousand together (checked: should the largest exact term fall far below the
    /// largest bound, every kernel is computed).</summary>
    private double LogCellMass(double value)
    {
        const double Negligible = 50;
        var (from, to) = scale.Cell(value);
        var middle = 0.5 * (from + to);
        var width = to - from;
        var logWidth = Math.Log(width);
        var terms = mu.Length;
        var term = terms <= 1024 ? stackalloc double[terms] : new double[terms];
        var factor = terms <= 1024 ? stackalloc double[terms] : new double[terms];
        var bounded = terms <= 1024 ? stackalloc bool[terms] : new bool[terms];
        var maxBound = double.NegativeInfinity;
        for (var i = 0; i < terms; i++)
        {
            var w = width * inverseSigma[i];
            factor[i] = 1;
            if (w < 0.5)
            {
                var m = (middle - mu[i]) * inverseSigma[i];
                term[i] = logConstant[i] + logWidth - (0.5 * m * m);
                factor[i] = 1 + (w * w * ((m * m) - 1) / 24);
            }
            else
            {
                var edge = Math.Max(0, Math.Max((from - mu[i]) * inverseSigma[i], (mu[i] - to) * inverseSigma[i]));
                term[i] = logWeightOverMass[i] + Math.Min(0, logWidth + logInverseSigma[i] - NormalMath.LogSqrtTwoPi) - (0.5 * edge * edge);
                bounded[i] = true;
            }

            maxBound = Math.Max(maxBound, term[i]);
        }

        var max = Exact(term, bounded, from, to, maxBound - Negligible);
        if (max < maxBound - 20)
        {
            max = Exact(term, bounded, from, to, double.NegativeInfinity);
        }

        var sum = 0.0;
        for (var i = 0; i < terms; i++)
        {
            if (!bounded[i] && term[i] > max - Negligible)
            {
                sum += Math.Exp(term[i] - max) * factor[i];
            }
        }

        return max + Math.Log(sum);
    }

    /// <summary>Replaces the bounds at or above <paramref name="threshold"/> by the exact log masses; returns the
    /// largest exact term.</summary>
    private double Exact(Span<double> term, Span<bool> bounded, double from, double to, double threshold)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < term.Length; i++)
        {
            if (bounded[i] && term[i] >= threshold)
            {
                term[i] = logWeightOverMass[i] + NormalMath.LogCdfDifference((from - mu[i]) * inverseSigma[i], (to - mu[i]) * inverseSigma[i]);
                bounded[i] = false;
            }

            if (!bounded[i])
            {
                max = Math.Max(max, term[i]);
            }
        }

        return max;
    }

    /// <summary>Optuna's univariate bandwidths: per centre, the larger gap to its sorted neighbours.</summary>
    private static void Bandwidths(ReadOnlySpan<double> centres, Span<double> sigmas, double low, double high, bool considerEndpoints)
    {
        var n = centres.Length;
        if (n == 0)
        {
            return;
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = centres.ToArray();
        Array.Sort(keys, order);
        var sorted = new double[n + 2];
        keys.CopyTo(sorted, 1);
        sorted[0] = low;
        sorted[n + 1] = high;
        for (var i = 0; i < n; i++)
        {
            sigmas[order[i]] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        }

        if (!considerEndpoints && n >= 2)
        {
            sigmas[order[0]] = sorted[2] - sorted[1];
            sigmas[order[n - 1]] = sorted[n] - sorted[n - 1];
        }
    }
}
