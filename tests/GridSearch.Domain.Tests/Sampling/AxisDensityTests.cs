using GridSearch.Domain.Sampling;

namespace GridSearch.Domain.Tests.Sampling;

public sealed class AxisDensityTests
{
    /// <summary>Whole numbers' probabilities are cell masses, taken in shortcuts (the curvature-corrected middle
    /// where a cell is narrow against a kernel, bounds in place of far kernels' exact masses); together they must
    /// still make one, with kernels both wide (a few observations) and narrow (many, half of them clustered).</summary>
    [Theory]
    [InlineData(false, 3)]
    [InlineData(false, 300)]
    [InlineData(true, 3)]
    [InlineData(true, 300)]
    public void LogDensity_OverEveryWholeNumberOfARange_SumsToOne(bool log, int observations)
    {
        var scale = new RangeScale(SamplingAxis.Range("width", 1, 300, log, integer: true));
        var random = new Random(6);
        var values = Enumerable.Range(0, observations).Select(i => i % 2 == 0 ? scale.Uniform(random) : 40 + (i % 5)).ToArray();
        var density = new RangeDensity(scale, values, TpeOptions.Weights(observations), new TpeOptions());

        var total = Enumerable.Range(1, 300).Sum(k => Math.Exp(density.LogDensity(k)));

        Assert.Equal(1.0, total, 4);
    }

    [Fact]
    public void LogDensity_OverEveryChoice_SumsToOne()
    {
        double[] indices = [0, 0, 2, 3, 3, 3];
        var density = new CategoricalDensity(5, indices, TpeOptions.Weights(indices.Length), priorWeight: 1.0);

        Assert.Equal(1.0, Enumerable.Range(0, 5).Sum(c => Math.Exp(density.LogDensity(c))), 12);
    }
}
