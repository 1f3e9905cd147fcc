using GridSearch.Domain.Sampling;

namespace GridSearch.Domain.Tests.Sampling;

public sealed class NormalMathTests
{
    [Theory]
    [InlineData(-6.0)]
    [InlineData(-1.96)]
    [InlineData(-0.3)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void InverseCdf_OfCdf_ReturnsThePoint(double z) => Assert.Equal(z, NormalMath.InverseCdf(NormalMath.Cdf(z)), 5);

    [Fact]
    public void Cdf_AtKnownPoints_MatchesTheTable()
    {
        Assert.Equal(0.5, NormalMath.Cdf(0), 7);
        Assert.Equal(0.975002, NormalMath.Cdf(1.96), 6);
        Assert.Equal(Math.Log(0.975002 - 0.5), NormalMath.LogCdfDifference(0, 1.96), 5);
        // Far in the tail Φ underflows; its logarithm does not: log Φ(−40) ≈ −804.6.
        Assert.Equal(-804.608, NormalMath.LogCdf(-40), 2);
    }
}
