using GridSearch.Domain.Analysis;

namespace GridSearch.Domain.Tests.Analysis;

public sealed class WelchTestTests
{
    [Fact]
    public void Of_TwoSamplesOfUnequalSpread_GivesWelchsTAndDegreesOfFreedom()
    {
        // A = 0.90, 0.92, 0.94: mean 0.92, s² = 0.0008 / 2 = 0.0004, s²/n = 0.00013333.
        // B = 0.95, 0.96, 0.97, 0.96: mean 0.96, s² = 0.0002 / 3 = 0.000066667, s²/n = 0.000016667.
        // t = (0.92 − 0.96) / √0.00015 = −3.26599.
        // df = 0.00015² / (0.00013333² / 2 + 0.000016667² / 3) = 2.25e-8 / 8.98148e-9 = 2.50515.
        var test = WelchTest.Of(MetricSummary.Of([0.90, 0.92, 0.94]), MetricSummary.Of([0.95, 0.96, 0.97, 0.96]))!;

        Assert.Equal(-3.26599, test.T, 5);
        Assert.Equal(2.50515, test.DegreesOfFreedom, 5);
        // Between the p of |t| = 3.266 at df 2 (closed form 1 − t/√(2 + t²) = 0.0823) and at df 3
        // (t(0.975, 3) = 3.1824 < 3.266, so p < 0.05; t(0.98, 3) = 3.4819 > 3.266, so p > 0.04).
        Assert.InRange(test.P, 0.04, 0.0823);
        Assert.Equal(StudentT.TwoSidedP(3.26599, 2.50515), test.P, 5);
    }

    [Fact]
    public void Of_OverlappingIntervals_CanStillTellTheMeansApart()
    {
        // A: mean 0.98, 95% interval 0.97122..0.98878 (MetricSummaryTests); B: the same spread 0.015 lower,
        // 0.95622..0.97378. The intervals overlap on 0.97122..0.97378, yet s²/n = 0.00001 each, so
        // t = 0.015 / √0.00002 = 3.35410 with df = 0.00002² / (2 · 0.00001² / 4) = 8, and t(0.995, 8) = 3.3554:
        // p is just above 0.01, far below 0.05.
        var a = MetricSummary.Of([0.97, 0.98, 0.99, 0.98, 0.98]);
        var b = MetricSummary.Of([0.955, 0.965, 0.975, 0.965, 0.965]);

        var test = WelchTest.Of(a, b)!;

        Assert.True(a.Low < b.High);
        Assert.Equal(3.35410, test.T, 5);
        Assert.Equal(8, test.DegreesOfFreedom, 6);
        Assert.InRange(test.P, 0.01, 0.0101);
        Assert.False(test.Indistinguishable);
    }

    [Fact]
    public void Of_ASideWithOneValue_IsUnknown()
    {
        Assert.Null(WelchTest.Of(MetricSummary.Of([0.9]), MetricSummary.Of([0.8, 0.85])));
        Assert.Null(WelchTest.Of(MetricSummary.Of([0.8, 0.85]), MetricSummary.Of([0.9])));
    }

    [Fact]
    public void Of_TwoSamplesWithoutSpread_TiesOnlyEqualMeans()
    {
        Assert.True(WelchTest.Of(MetricSummary.Of([0.9, 0.9]), MetricSummary.Of([0.9, 0.9, 0.9]))!.Indistinguishable);
        Assert.False(WelchTest.Of(MetricSummary.Of([0.9, 0.9]), MetricSummary.Of([0.8, 0.8]))!.Indistinguishable);
    }
}
