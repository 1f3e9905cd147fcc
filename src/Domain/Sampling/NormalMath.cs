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
        // Under e^−700 the ratio is nothing beside 1 (and its exponential would underflow, the slow path of exp).
        var ratio = logA - logB < -700 ? 0 : Math.Exp(logA - logB);
        return ratio >= 1 ? double.NegativeInfinity : logB + Math.Log(1 - ratio);
    }

    /// <summary>log(Φ(b) − Φ(a)) for a ≤ 0 ≤ b, as a truncation around a kernel's own centre is: neither term is
    /// near 0 or both near 1, so the plain difference keeps its digits, at two exponentials instead of the tail-safe
    /// form's five.</summary>
    public static double LogCoveringMass(double a, double b)
    {
        if (!(a <= 0 && b >= 0))
        {
            return LogCdfDifference(a, b);
        }

        // Φ(b) − Φ(a) = 1 − erfc(b/√2)/2 − erfc(−a/√2)/2; an end past 8.3 standard deviations leaves out under
        // 1e-16 (and its exponential would underflow, the slow path of exp).
        var outside = (b > 8.3 ? 0 : Erfc(b / Math.Sqrt(2))) + (a < -8.3 ? 0 : Erfc(-a / Math.Sqrt(2)));
        return outside == 0 ? 0 : Math.Log(1 - (0.5 * outside));
    }

    /// <summary>A draw from the normal (μ, σ) truncated to [low, high], by the inverse transform; the range holds
    /// the centre, so Φ(a) ≤ ½ ≤ Φ(b) and the difference keeps its precision.</summary>
    public static double SampleTruncated(double mu, double sigma, double low, double high, Random random)
    {
        // Past 37 standard deviations Φ is 0 or 1 to double's precision (and its exponential would underflow).
        var a = (low - mu) / sigma < -37 ? 0 : Cdf((low - mu) / sigma);
        var b = (high - mu) / sigma > 37 ? 1 : Cdf((high - mu) / sigma);
        var z = InverseCdf(a + (random.NextDouble() * (b - a)));
        return Math.Clamp(mu + (sigma * z), low, high);
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
    private static double LogErfc(double x) => Math.Log(1 / (1 + (0.5 * x))) + ErfcExponent(x);

    private static double Erfc(double x) => Math.Exp(ErfcExponent(x)) / (1 + (0.5 * x));

    private static double ErfcExponent(double x)
    {
        var t = 1 / (1 + (0.5 * x));
        return -(x * x) - 1.26551223
            + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806 + (t * (0.27886807
            + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
    }
}
