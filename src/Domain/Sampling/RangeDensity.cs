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
    private readonly double[] cumulativeWeight;

    /// <summary>Per kernel: log(weight) − log(truncation mass) − log σ − log √(2π), the log density's constant.</summary>
    private readonly double[] logConstant;

    /// <summary>Per kernel: log(weight) − log(truncation mass), for cell masses.</summary>
    private readonly double[] logWeightOverMass;

    public RangeDensity(RangeScale scale, ReadOnlySpan<double> values, ReadOnlySpan<double> weights, TpeOptions options)
    {
        this.scale = scale;
        var n = values.Length;
        mu = new double[n + 1];
        sigma = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            mu[i] = scale.ToScaled(values[i]);
        }

        var low = scale.Low;
        var high = scale.High;
        var width = high - low;
        Bandwidths(mu.AsSpan(0, n), sigma.AsSpan(0, n), low, high, options.ConsiderEndpoints);
        var maxSigma = width;
        var minSigma = options.MagicClip ? width / Math.Min(100.0, 1.0 + n + 1) : 1e-12;
        for (var i = 0; i < n; i++)
        {
            sigma[i] = Math.Clamp(sigma[i], minSigma, maxSigma);
        }

        mu[n] = 0.5 * (low + high);
        sigma[n] = width;

        var total = options.PriorWeight;
        foreach (var weight in weights)
        {
            total += weight;
        }

        cumulativeWeight = new double[n + 1];
        logConstant = new double[n + 1];
        logWeightOverMass = new double[n + 1];
        var sum = 0.0;
        for (var i = 0; i <= n; i++)
        {
            var weight = (i < n ? weights[i] : options.PriorWeight) / total;
            sum += weight;
            cumulativeWeight[i] = sum;
            if (width <= 0)
            {
                continue;
            }

            var mass = NormalMath.LogCdfDifference((low - mu[i]) / sigma[i], (high - mu[i]) / sigma[i]);
            logWeightOverMass[i] = Math.Log(weight) - mass;
            logConstant[i] = logWeightOverMass[i] - Math.Log(sigma[i]) - NormalMath.LogSqrtTwoPi;
        }
    }

    public double Sample(Random random)
    {
        if (scale.High <= scale.Low)
        {
            return scale.FromScaled(scale.Low);
        }

        var u = random.NextDouble() * cumulativeWeight[^1];
        var k = Array.BinarySearch(cumulativeWeight, u);
        k = Math.Min(k >= 0 ? k + 1 : ~k, mu.Length - 1);
        // Inverse transform within the truncation; the range holds every centre, so Φ(a) ≤ ½ ≤ Φ(b) and the
        // difference keeps its precision.
        var a = NormalMath.Cdf((scale.Low - mu[k]) / sigma[k]);
        var b = NormalMath.Cdf((scale.High - mu[k]) / sigma[k]);
        var z = NormalMath.InverseCdf(a + (random.NextDouble() * (b - a)));
        var x = Math.Clamp(mu[k] + (sigma[k] * z), scale.Low, scale.High);
        return scale.FromScaled(x);
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
        var max = double.NegativeInfinity;
        var terms = mu.Length;
        var term = terms <= 1024 ? stackalloc double[terms] : new double[terms];
        for (var i = 0; i < terms; i++)
        {
            var z = (x - mu[i]) / sigma[i];
            term[i] = logConstant[i] - (0.5 * z * z);
            max = Math.Max(max, term[i]);
        }

        return max + Math.Log(SumExp(term, max));
    }

    private double LogCellMass(double value)
    {
        var (from, to) = scale.Cell(value);
        var max = double.NegativeInfinity;
        var terms = mu.Length;
        var term = terms <= 1024 ? stackalloc double[terms] : new double[terms];
        for (var i = 0; i < terms; i++)
        {
            var a = (from - mu[i]) / sigma[i];
            var b = (to - mu[i]) / sigma[i];
            term[i] = logWeightOverMass[i] + LogStandardMass(a, b);
            max = Math.Max(max, term[i]);
        }

        return max + Math.Log(SumExp(term, max));
    }

    /// <summary>log of the standard normal's mass over [a, b]. A cell narrow against the bandwidth would lose
    /// its digits to Φ(b) − Φ(a): Simpson's rule over the density is exact to (b − a)⁴ there.</summary>
    private static double LogStandardMass(double a, double b)
    {
        var w = b - a;
        if (w >= 0.5)
        {
            return NormalMath.LogCdfDifference(a, b);
        }

        var m = 0.5 * (a + b);
        var la = -0.5 * a * a;
        var lm = -0.5 * m * m;
        var lb = -0.5 * b * b;
        var top = Math.Max(lm, Math.Max(la, lb));
        var simpson = Math.Exp(la - top) + (4 * Math.Exp(lm - top)) + Math.Exp(lb - top);
        return Math.Log(w / 6 * simpson) + top - NormalMath.LogSqrtTwoPi;
    }

    private static double SumExp(ReadOnlySpan<double> term, double max)
    {
        var sum = 0.0;
        foreach (var t in term)
        {
            sum += Math.Exp(t - max);
        }

        return sum;
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
