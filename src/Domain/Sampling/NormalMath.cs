namespace GridSearch.Domain.Sampling;

/// <summary>The standard normal distribution's functions the Parzen estimators need, in log space where the
/// tails would underflow (a kernel far from a point has a density below double's range).</summary>
internal static class NormalMath
{
    public static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>log Φ(z). Numerical Recipes' erfc (relative error under 1.2e-7 everywhere) is an exponential
    /// times a polynomial, so its logarithm is exact to that precision in the far lower tail too.</summary>
    public static double LogCdf(double z)
    {
        var x = -z / Math.Sqrt(2);
        if (x < 0)
        {
            // Upper half: Φ(z) = 1 - erfc(|x|)/2, no tail to protect.
            return Math.Log(1 - (0.5 * Math.Exp(LogErfc(-x))));
        }

        return LogErfc(x) - Math.Log(2);
    }

    public static double Cdf(double z) => Math.Exp(LogCdf(z));

    /// <summary>log(Φ(b) − Φ(a)) for a ≤ b, computed on the side of zero where both are small (the other side
    /// would subtract two numbers near 1).</summary>
    public static double LogCdfDifference(double a, double b)
    {
        if (a > 0)
        {
            (a, b) = (-b, -a);
        }

        var logB = LogCdf(b);
        var logA = LogCdf(a);
        var ratio = Math.Exp(logA - logB);
        return ratio >= 1 ? double.NegativeInfinity : logB + Math.Log(1 - ratio);
    }

    /// <summary>Φ⁻¹(p) for 0 &lt; p &lt; 1: Acklam's rational approximation (relative error under 1.2e-9).</summary>
    public static double InverseCdf(double p)
    {
        const double Low = 0.02425;
        if (p <= 0)
        {
            return double.NegativeInfinity;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Tail(q);
        }

        if (p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -Tail(q);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((((((((-3.969683028665376e+01 * s) + 2.209460984245205e+02) * s) - 2.759285104469687e+02) * s) + 1.383577518672690e+02) * s)
            - 3.066479806614716e+01) * s) + 2.506628277459239e+00) * r)
            / (((((((((-5.447609879822406e+01 * s) + 1.615858368580409e+02) * s) - 1.556989798598866e+02) * s) + 6.680131188771972e+01) * s)
            - 1.328068155288572e+01) * s + 1);

        static double Tail(double q) =>
            ((((((((((-7.784894002430293e-03 * q) - 3.223964580411365e-01) * q) - 2.400758277161838e+00) * q) - 2.549732539343734e+00) * q)
            + 4.374664141464968e+00) * q) + 2.938163982698783e+00)
            / ((((((((7.784695709041462e-03 * q) + 3.224671290700398e-01) * q) + 2.445134137142996e+00) * q) + 3.754408661907416e+00) * q) + 1);
    }

    /// <summary>log erfc(x) for x ≥ 0 (Numerical Recipes, 2nd ed., erfcc).</summary>
    private static double LogErfc(double x)
    {
        var t = 1 / (1 + (0.5 * x));
        return Math.Log(t) - (x * x) - 1.26551223
            + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806 + (t * (0.27886807
            + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
    }
}
