using GridSearch.Domain.Sampling;

namespace GridSearch.Domain.Tests.Sampling;

public sealed class JointDensityTests
{
    private static readonly SamplingSpace Finite = new(
    [
        SamplingAxis.Categorical("optimizer", ["sgd", "adam", "rmsprop"]),
        SamplingAxis.Range("depth", 1, 6, log: false, integer: true),
        SamplingAxis.Range("batchSize", 1, 20, log: true, integer: true),
    ]);

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void LogDensities_OverEveryPointOfAFiniteSpace_SumToOne(int observations)
    {
        var encoding = new SpaceEncoding(Finite);
        var random = new Random(4);
        var points = Enumerable.Range(0, observations).Select(_ => encoding.Uniform(random)).ToList();
        var density = new JointDensity(encoding, points, new TpeOptions());
        var all = encoding.Enumerate().ToList();
        var logDensities = new double[all.Count];

        density.LogDensities(all, logDensities);

        Assert.Equal(1.0, logDensities.Sum(Math.Exp), 4);
    }

    [Fact]
    public void Sample_AroundTwoObservedPoints_KeepsEachOnesValuesTogether()
    {
        var space = new SamplingSpace(
        [
            SamplingAxis.Categorical("a", [.. Enumerable.Range(0, 10).Cast<object>()]),
            SamplingAxis.Categorical("b", [.. Enumerable.Range(0, 10).Cast<object>()]),
        ]);
        var encoding = new SpaceEncoding(space);
        // Ten observations each of 2/7 and 7/2: a draw takes both values from one of them (or from the prior), so
        // 2/2 and 7/7 are rare, where per-axis draws would make them as likely as 2/7 and 7/2.
        List<double[]> points = [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? new double[] { 2, 7 } : [7, 2])];
        var density = new JointDensity(encoding, points, new TpeOptions());
        var random = new Random(8);

        var draws = Enumerable.Range(0, 4000).Select(_ => density.Sample(random)).ToList();

        var together = draws.Count(d => (d[0], d[1]) is (2, 7) or (7, 2));
        var mixed = draws.Count(d => (d[0], d[1]) is (2, 2) or (7, 7));
        Assert.True(together > 10 * mixed, $"{together} draws on an observation, {mixed} mixing the two");
    }
}
