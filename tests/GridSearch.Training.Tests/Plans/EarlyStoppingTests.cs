using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Plans;

namespace GridSearch.Training.Tests.Plans;

public sealed class EarlyStoppingTests
{
    [Fact]
    public void Observe_LossWithoutImprovementForPatienceEpochs_Stops()
    {
        var stopping = new EarlyStopping(MonitoredMetric.ValLoss, patience: 2, minDelta: 0.01);

        Assert.True(stopping.Observe(1, 1.0));
        Assert.True(stopping.Observe(2, 0.8));
        Assert.False(stopping.Observe(3, 0.795)); // within minDelta: no improvement
        Assert.False(stopping.ShouldStop);
        Assert.False(stopping.Observe(4, 0.9));
        Assert.True(stopping.ShouldStop);
        Assert.Equal(2, stopping.BestEpoch);
    }

    [Fact]
    public void Observe_Accuracy_ImprovesUpwards()
    {
        var stopping = new EarlyStopping(MonitoredMetric.ValAccuracy, patience: 1, minDelta: 0);

        stopping.Observe(1, 0.5);
        stopping.Observe(2, 0.7);
        stopping.Observe(3, 0.6);

        Assert.Equal(2, stopping.BestEpoch);
        Assert.True(stopping.ShouldStop);
    }

    [Fact]
    public void PatienceZero_NeverStops()
    {
        var stopping = new EarlyStopping(MonitoredMetric.ValLoss, patience: 0, minDelta: 0);

        for (var epoch = 1; epoch <= 5; epoch++)
        {
            stopping.Observe(epoch, epoch);
        }

        Assert.False(stopping.Enabled);
        Assert.False(stopping.ShouldStop);
    }
}
