using GridSearch.Domain.Sampling;

namespace GridSearch.Domain.Tests.Sampling;

public sealed class TpeOptionsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    [InlineData(1000, 25)]
    public void Gamma_OfNObservations_IsOptunasDefault(int n, int below) => Assert.Equal(below, TpeOptions.Gamma(n));

    [Fact]
    public void Weights_PastTwentyFive_RampTheOlderOnesFromOneOverNAndKeepTheNewestAtOne()
    {
        var weights = TpeOptions.Weights(35);

        Assert.Equal(1.0 / 35, weights[0], 12);
        Assert.Equal(1.0, weights[9], 12);
        Assert.All(weights[10..], w => Assert.Equal(1.0, w));
        Assert.All(TpeOptions.Weights(24), w => Assert.Equal(1.0, w));
        Assert.True(weights[4] > weights[3]);
    }
}
