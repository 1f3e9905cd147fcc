using GridSearch.Domain.Analysis;
using GridSearch.Domain.Sampling;

namespace GridSearch.Domain.Tests.Sampling;

public sealed class TpeSamplerTests
{
    private static readonly SamplingSpace Mixed = new(
    [
        SamplingAxis.Categorical("optimizer", ["sgd", "adam", "rmsprop", "adagrad"]),
        SamplingAxis.Categorical("activation", ["relu", "tanh", "sigmoid"]),
        SamplingAxis.Range("learningRate", 1e-5, 1e-1, log: true, integer: false),
        SamplingAxis.Range("width", 16, 512, log: false, integer: true),
        SamplingAxis.Range("depth", 1, 8, log: false, integer: true),
        SamplingAxis.Range("dropout", 0, 0.5, log: false, integer: false),
    ]);

    /// <summary>Zero at adam, relu, 1e-3, 256 wide, 3 deep, dropout 0.2; a categorical miss costs 1 or 0.5.</summary>
    private static double Loss(IReadOnlyList<object> p)
    {
        var loss = (string)p[0] == "adam" ? 0 : 1.0;
        loss += (string)p[1] == "relu" ? 0 : 0.5;
        loss += Math.Pow(Math.Log10((double)p[2]) + 3, 2) / 4;
        loss += Math.Pow(((int)p[3] - 256) / 256.0, 2);
        loss += 0.1 * Math.Abs((int)p[4] - 3);
        loss += Math.Pow(((double)p[5] - 0.2) / 0.5, 2);
        return loss;
    }

    private const double Epsilon = 0.25;
    private const int Budget = 2000;

    private static int EvaluationsUntilFound(TpeSampler sampler, int seed, bool learns = true)
    {
        var random = new Random(seed);
        var observed = new List<Observation>();
        for (var i = 1; i <= Budget; i++)
        {
            var point = sampler.Suggest(Mixed, observed, [], null, random)!;
            var loss = Loss(point);
            if (loss <= Epsilon)
            {
                return i;
            }

            if (learns)
            {
                observed.Add(new Observation(point, loss));
            }
        }

        return Budget + 1;
    }

    private static double Median(IEnumerable<int> values) => Statistics.Median(values.Select(v => (double)v));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suggest_OnAMixedSpaceWithAKnownOptimum_FindsItInAtMostSixTenthsOfRandomsEvaluations(bool multivariate)
    {
        var tpe = new TpeSampler(new TpeOptions { Multivariate = multivariate });
        // The startup never ends: the sampler's own uniform draws, which read no observations.
        var random = new TpeSampler(new TpeOptions { StartupTrials = int.MaxValue });
        var seeds = Enumerable.Range(1, 20).ToArray();

        var tpeMedian = Median(seeds.Select(s => EvaluationsUntilFound(tpe, s)));
        var randomMedian = Median(seeds.Select(s => EvaluationsUntilFound(random, s, learns: false)));

        Assert.True(tpeMedian <= 0.6 * randomMedian, $"TPE's median {tpeMedian} evaluations against random's {randomMedian}");
        Assert.Equal(tpeMedian, Median(seeds.Select(s => EvaluationsUntilFound(tpe, s))));
    }

    /// <summary>Four axes of five choices (625 points): a broad, shallow basin at 0,0,0,0 (0.3 + 0.1 a step) and a
    /// narrow, deep one at 4,4,4,4 (0.25 a step), the optimum. On average over the other axes, choice 0 is the
    /// better on every axis: the marginals point away from the optimum, and mixing the two basins' values,
    /// axis by axis, lands far from both.</summary>
    private static readonly SamplingSpace TwoBasins = new(
        [.. Enumerable.Range(0, 4).Select(a => SamplingAxis.Categorical($"x{a}", [.. Enumerable.Range(0, 5).Cast<object>()]))]);

    private static double TwoBasinsLoss(IReadOnlyList<object> p) =>
        Math.Min(p.Sum(v => 0.25 * (4 - (int)v)), 0.3 + p.Sum(v => 0.1 * (int)v));

    private static int TrialsUntilOptimum(TpeSampler sampler, int seed)
    {
        var random = new Random(seed);
        var observed = new List<Observation>();
        var tried = new HashSet<string>();
        while (sampler.Suggest(TwoBasins, observed, [], p => tried.Contains(string.Join('/', p)), random) is { } point)
        {
            tried.Add(string.Join('/', point));
            var loss = TwoBasinsLoss(point);
            if (loss == 0)
            {
                return tried.Count;
            }

            observed.Add(new Observation(point, loss));
        }

        throw new InvalidOperationException("The space ran out before its optimum.");
    }

    [Fact]
    public void Suggest_MultivariateWhereTheMarginalsPointAwayFromTheOptimum_FindsItInUnderThreeQuartersOfTheUnivariateTrials()
    {
        var seeds = Enumerable.Range(1, 20).ToArray();
        var univariate = new TpeSampler(new TpeOptions { Multivariate = false });
        var multivariate = new TpeSampler(new TpeOptions { Multivariate = true });

        var univariateMedian = Median(seeds.Select(s => TrialsUntilOptimum(univariate, s)));
        var multivariateMedian = Median(seeds.Select(s => TrialsUntilOptimum(multivariate, s)));

        Assert.True(multivariateMedian <= 0.75 * univariateMedian, $"multivariate's median {multivariateMedian} trials against univariate's {univariateMedian}");
    }

    private static readonly SamplingSpace SmallGrid = new(
    [
        SamplingAxis.Categorical("activation", ["relu", "tanh", "sigmoid"]),
        SamplingAxis.Categorical("depth", [2, 3]),
    ]);

    [Theory]
    [InlineData(100, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public void Suggest_WithIsTakenOverAFiniteSpace_NeverRepeatsAndReturnsNullWhenExhausted(int startupTrials, bool multivariate)
    {
        var sampler = new TpeSampler(new TpeOptions { StartupTrials = startupTrials, Multivariate = multivariate });
        var random = new Random(7);
        var observed = new List<Observation>();
        var tried = new HashSet<string>();

        for (var i = 0; i < 6; i++)
        {
            var point = sampler.Suggest(SmallGrid, observed, [], p => tried.Contains(string.Join('/', p)), random);
            Assert.NotNull(point);
            Assert.True(tried.Add(string.Join('/', point)), $"{string.Join('/', point)} suggested twice");
            observed.Add(new Observation(point, i % 3));
        }

        Assert.Null(sampler.Suggest(SmallGrid, observed, [], p => tried.Contains(string.Join('/', p)), random));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suggest_WithIsTakenOverAHundredPoints_WalksPastTakenCandidatesUntilEveryPointIsTried(bool multivariate)
    {
        var space = new SamplingSpace(
        [
            SamplingAxis.Categorical("a", [.. Enumerable.Range(0, 5).Cast<object>()]),
            SamplingAxis.Categorical("b", [.. Enumerable.Range(0, 5).Cast<object>()]),
            SamplingAxis.Range("c", 1, 4, log: false, integer: true),
        ]);
        var sampler = new TpeSampler(new TpeOptions { Multivariate = multivariate });
        var random = new Random(13);
        var observed = new List<Observation>();
        var tried = new HashSet<string>();

        while (sampler.Suggest(space, observed, [], p => tried.Contains(string.Join('/', p)), random) is { } point)
        {
            Assert.True(tried.Add(string.Join('/', point)), $"{string.Join('/', point)} suggested twice");
            observed.Add(new Observation(point, Math.Abs((int)point[0] - 1) + Math.Abs((int)point[1] - 3) + (int)point[2]));
        }

        Assert.Equal(100, tried.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suggest_WithPendingPoints_SpreadsConcurrentSuggestionsByTheConstantLiar(bool multivariate)
    {
        var space = new SamplingSpace(
        [
            SamplingAxis.Categorical("a", [.. Enumerable.Range(0, 6).Cast<object>()]),
            SamplingAxis.Categorical("b", [.. Enumerable.Range(0, 6).Cast<object>()]),
        ]);
        var seeded = new Random(3);
        var observed = Enumerable.Range(0, 30)
            .Select(_ => (IReadOnlyList<object>)[seeded.Next(6), seeded.Next(6)])
            .Select(p => new Observation(p, Math.Abs((int)p[0] - 2) + Math.Abs((int)p[1] - 4)))
            .ToList();
        var sampler = new TpeSampler(new TpeOptions { Multivariate = multivariate });

        int DistinctAmongEight(bool liar)
        {
            var random = new Random(11);
            var pending = new List<IReadOnlyList<object>>();
            for (var worker = 0; worker < 8; worker++)
            {
                pending.Add(sampler.Suggest(space, observed, liar ? pending : [], null, random)!);
            }

            return pending.Select(p => string.Join('/', p)).Distinct().Count();
        }

        var withLiar = DistinctAmongEight(liar: true);
        var without = DistinctAmongEight(liar: false);

        Assert.True(withLiar > without, $"{withLiar} distinct points of 8 with the liar, {without} without");
        Assert.True(withLiar >= 6, $"{withLiar} distinct points of 8 with the liar");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suggest_WithoutTheMagicClipOnARangeOfOneValue_ReturnsThatValue(bool multivariate)
    {
        var space = new SamplingSpace(
        [
            SamplingAxis.Range("momentum", 0.9, 0.9, log: false, integer: false),
            SamplingAxis.Categorical("optimizer", ["sgd", "adam"]),
        ]);
        var sampler = new TpeSampler(new TpeOptions { MagicClip = false, Multivariate = multivariate });
        var observed = Enumerable.Range(0, 12).Select(i => new Observation([0.9, i % 2 == 0 ? "sgd" : "adam"], i)).ToList();

        var point = sampler.Suggest(space, observed, [], null, new Random(1))!;

        Assert.Equal(0.9, Assert.IsType<double>(point[0]));
    }

    [Fact]
    public void Suggest_BeforeTheStartupTrials_IsUniformWithinRangesLogScalesAndWholeNumbers()
    {
        var sampler = new TpeSampler();
        var random = new Random(5);
        // Nine observations, all in one corner: still the startup, so they do not pull the draws.
        var corner = Enumerable.Range(0, 9).Select(_ => new Observation(["sgd", "tanh", 1e-5, 16, 1, 0.0], 0)).ToList();
        var points = Enumerable.Range(0, 4000).Select(_ => sampler.Suggest(Mixed, corner, [], null, random)!).ToList();

        Assert.True(TpeSampler.IsStartup(9, sampler.Options));
        Assert.False(TpeSampler.IsStartup(10, sampler.Options));
        Assert.All(points, p =>
        {
            Assert.InRange((double)p[2], 1e-5, 1e-1);
            Assert.InRange(Assert.IsType<int>(p[3]), 16, 512);
            Assert.InRange(Assert.IsType<int>(p[4]), 1, 8);
            Assert.InRange((double)p[5], 0, 0.5);
        });
        Assert.Equal(4, points.Select(p => p[0]).Distinct().Count());
        Assert.Equal(8, points.Select(p => p[4]).Distinct().Count());
        // Log-uniform: half the draws below the geometric middle (1e-3); uniform: half below the middle.
        Assert.InRange(points.Count(p => (double)p[2] < 1e-3) / 4000.0, 0.46, 0.54);
        Assert.InRange(points.Count(p => (int)p[3] < 264) / 4000.0, 0.46, 0.54);
        Assert.InRange(points.Count(p => (string)p[0] == "sgd") / 4000.0, 0.21, 0.29);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Suggest_AfterTheStartupTrials_StaysWithinRangesAndWholeNumbers(bool multivariate)
    {
        var sampler = new TpeSampler(new TpeOptions { Multivariate = multivariate });
        var random = new Random(9);
        var observed = new List<Observation>();
        for (var i = 0; i < 60; i++)
        {
            var point = sampler.Suggest(Mixed, observed, [], null, random)!;
            Assert.InRange((double)point[2], 1e-5, 1e-1);
            Assert.InRange(Assert.IsType<int>(point[3]), 16, 512);
            Assert.InRange(Assert.IsType<int>(point[4]), 1, 8);
            Assert.InRange((double)point[5], 0, 0.5);
            observed.Add(new Observation(point, Loss(point)));
        }
    }
}
