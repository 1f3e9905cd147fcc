namespace GridSearch.Domain.Analysis;

/// <summary>Student's t distribution with <c>df</c> degrees of freedom (any positive real, as Welch's
/// test needs): its CDF from the regularized incomplete beta function, and its quantile by inverting
/// that CDF (bisection to bracket, then to 1e-12), so no table and no package stands behind either.</summary>
public static class StudentT
{
    /// <summary>P(T ≤ t): for t &lt; 0 it is I_(df/(df+t²))(df/2, 1/2) / 2, and 1 minus that for t &gt; 0.</summary>
    public static double Cdf(double t, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 1 : 0;
        }

        var tail = IncompleteBeta.Regularized(df / 2, 0.5, df / (df + (t * t))) / 2;
        return t < 0 ? tail : 1 - tail;
    }

    /// <summary>The two-sided p-value of an observed t: P(|T| ≥ |t|).</summary>
    public static double TwoSidedP(double t, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        return double.IsNaN(t) ? double.NaN : IncompleteBeta.Regularized(df / 2, 0.5, df / (df + (t * t)));
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="p"/>, 0 &lt; p &lt; 1.</summary>
    public static double Quantile(double p, double df)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(df);
        if (p is <= 0 or >= 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "must lie strictly between 0 and 1.");
        }

        if (p < 0.5)
        {
            return -Quantile(1 - p, df);
        }

        // The CDF rises, so the root lies in [0, high] once Cdf(high) ≥ p.
        double low = 0, high = 1;
        while (Cdf(high, df) < p)
        {
            low = high;
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, high); i++)
        {
            var middle = (low + high) / 2;
            if (Cdf(middle, df) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }
}
