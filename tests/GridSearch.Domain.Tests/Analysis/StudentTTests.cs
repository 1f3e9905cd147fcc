using GridSearch.Domain.Analysis;

namespace GridSearch.Domain.Tests.Analysis;

public sealed class StudentTTests
{
    [Theory]
    // Two-sided 5% critical values from any t table: t(0.975, df).
    [InlineData(1, 12.7062)]
    [InlineData(4, 2.7764)]
    [InlineData(8, 2.3060)]
    [InlineData(10, 2.2281)]
    [InlineData(30, 2.0423)]
    public void Quantile_AtNinetySevenAndAHalfPercent_MatchesTheTable(double df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(0.975, df), 4);
        Assert.Equal(-expected, StudentT.Quantile(0.025, df), 4);
    }

    [Fact]
    public void Cdf_WhereItHasAClosedForm_MatchesIt()
    {
        // df = 1 is Cauchy: 1/2 + atan(t)/π, so F(1) = 3/4. df = 2: 1/2 + t / (2√(2 + t²)), so F(1) = 1/2 + 1/(2√3).
        Assert.Equal(0.75, StudentT.Cdf(1, 1), 10);
        Assert.Equal(0.5 + (1 / (2 * Math.Sqrt(3))), StudentT.Cdf(1, 2), 10);
        Assert.Equal(0.5, StudentT.Cdf(0, 7), 12);
        Assert.Equal(1 - StudentT.Cdf(1.3, 6), StudentT.Cdf(-1.3, 6), 12);
    }

    [Theory]
    // p-values of table critical values: t(0.975, 4) = 2.7764 (p = 0.05), t(0.995, 10) = 3.1693 (p = 0.01),
    // t(0.95, 20) = 1.7247 (p = 0.10).
    [InlineData(2.776445, 4, 0.05)]
    [InlineData(3.169273, 10, 0.01)]
    [InlineData(1.724718, 20, 0.10)]
    public void TwoSidedP_OfATableValue_IsItsLevel(double t, double df, double p)
    {
        Assert.Equal(p, StudentT.TwoSidedP(t, df), 5);
        Assert.Equal(p, StudentT.TwoSidedP(-t, df), 5);
    }

    [Fact]
    public void Quantile_OfTheCdf_GivesBackT()
    {
        foreach (var df in new[] { 1.5, 2.5051, 7.0, 120.0 })
        {
            Assert.Equal(1.234, StudentT.Quantile(StudentT.Cdf(1.234, df), df), 8);
        }
    }

    [Fact]
    public void IncompleteBeta_WhereItHasAClosedForm_MatchesIt()
    {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
        Assert.Equal(0.3, IncompleteBeta.Regularized(1, 1, 0.3), 12);
        Assert.Equal(Math.Pow(0.6, 2.5), IncompleteBeta.Regularized(2.5, 1, 0.6), 12);
        Assert.Equal(1 - Math.Pow(0.8, 3), IncompleteBeta.Regularized(1, 3, 0.2), 12);
    }
}
