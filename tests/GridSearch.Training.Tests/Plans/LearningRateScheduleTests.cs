using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Plans;

namespace GridSearch.Training.Tests.Plans;

public sealed class LearningRateScheduleTests
{
    private static List<double> Rates(LearningRateScheduleKind kind, int epochs, double factor = 0.5, int step = 2, double min = 0, params double[] monitored)
    {
        var schedule = new LearningRateSchedule(kind, 0.1, factor, step, min, epochs, MonitoredMetric.ValLoss, minDelta: 0);
        var rates = new List<double>();
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            rates.Add(schedule.Current);
            schedule.EndEpoch(epoch, monitored.Length > 0 ? monitored[epoch - 1] : 1.0);
        }

        return rates;
    }

    [Fact]
    public void Constant_KeepsTheInitialRate() =>
        Assert.All(Rates(LearningRateScheduleKind.Constant, 4), rate => Assert.Equal(0.1, rate));

    [Fact]
    public void Step_MultipliesByTheFactorEveryStepEpochs() =>
        AssertClose([0.1, 0.1, 0.05, 0.05, 0.025], Rates(LearningRateScheduleKind.Step, 5));

    [Fact]
    public void Exponential_MultipliesByTheFactorEveryEpoch() =>
        AssertClose([0.1, 0.05, 0.025, 0.0125], Rates(LearningRateScheduleKind.Exponential, 4));

    [Fact]
    public void Cosine_FallsFromTheInitialRateTowardsTheMinimumOverTheEpochs()
    {
        var rates = Rates(LearningRateScheduleKind.Cosine, 4, min: 0.02);

        // min + (0.1 − min)(1 + cos(πe/4))/2 for e = 0..3
        AssertClose([0.1, 0.02 + (0.08 * (1 + Math.Cos(Math.PI / 4)) / 2), 0.06, 0.02 + (0.08 * (1 + Math.Cos(3 * Math.PI / 4)) / 2)], rates);
    }

    [Fact]
    public void Plateau_CutsAfterStepEpochsWithoutImprovementButNotBelowTheMinimum()
    {
        // Improves, then stalls: cut after 2 stalled epochs, again after 2 more, floored at 0.03.
        var rates = Rates(LearningRateScheduleKind.Plateau, 7, step: 2, min: 0.03, monitored: [1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.99]);

        AssertClose([0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.03], rates);
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }
}
