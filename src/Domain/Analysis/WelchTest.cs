namespace GridSearch.Domain.Analysis;

/// <summary>
/// Welch's two-sided t-test of whether two configurations' means differ: t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂),
/// with the Welch–Satterthwaite degrees of freedom (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)).
/// Why a test and not "their 95% intervals overlap": two 95% intervals can overlap while the difference of
/// the means is significant at 5% (the difference's standard error is √(se₁² + se₂²), less than se₁ + se₂),
/// so overlap is no test at any stated level. Why Welch and not Student's pooled test: two configurations
/// need not be equally noisy (a high learning rate spreads more between seeds), and Welch does not assume
/// equal variances; with equal ones it loses next to nothing.
/// </summary>
public sealed record WelchTest(double T, double DegreesOfFreedom, double P)
{
    /// <summary>The level below which two means are told apart.</summary>
    public const double Alpha = 0.05;

    /// <summary>Whether the means cannot be told apart at <see cref="Alpha"/> (p ≥ α).</summary>
    public bool Indistinguishable => P >= Alpha;

    /// <summary>The test of two summaries; null when either has fewer than two values (no variance to
    /// test with). Both without spread: equal means are indistinguishable (p = 1), different ones are
    /// told apart (p = 0), as no noise could explain the difference.</summary>
    public static WelchTest? Of(MetricSummary a, MetricSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.StandardDeviation is not { } sa || b.StandardDeviation is not { } sb)
        {
            return null;
        }

        var va = sa * sa / a.N;
        var vb = sb * sb / b.N;
        var difference = a.Mean - b.Mean;
        if (va + vb <= 0)
        {
            return difference == 0
                ? new WelchTest(0, a.N + b.N - 2, 1)
                : new WelchTest(difference > 0 ? double.PositiveInfinity : double.NegativeInfinity, a.N + b.N - 2, 0);
        }

        var t = difference / Math.Sqrt(va + vb);
        var df = (va + vb) * (va + vb) / ((va * va / (a.N - 1)) + (vb * vb / (b.N - 1)));
        return new WelchTest(t, df, StudentT.TwoSidedP(t, df));
    }
}
