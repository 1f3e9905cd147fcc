using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

/// <summary>
/// The planner gives an axis its default where its condition (<see cref="Axis.AppliesWhen"/>) does not hold,
/// and trains grid points that differ only there once. That is right only if the engine truly ignores the
/// axis there: a trial with any other value must train to the very same numbers.
/// </summary>
public sealed class AxisConditionTests
{
    private static readonly TrialConfig Mlp = Configs.Mlp() with { Epochs = 2 };

    public static TheoryData<string> Cases() => [.. Idle.Keys];

    private static readonly Dictionary<string, (TrialConfig Base, TrialConfig Varied, Axis[] Axes)> Idle = new()
    {
        ["batch norm off"] = (Mlp, Mlp with { BatchNormPosition = BatchNormPosition.AfterActivation }, [AxisCatalog.BatchNormPosition]),
        ["no early stopping, constant rate"] = (
            Mlp,
            Mlp with { TestedWeights = TestedWeights.LastEpoch, MinDelta = 0.5, Monitor = MonitoredMetric.ValAccuracy, LrFactor = 0.1, LrStep = 1, LrMin = 0.001 },
            [AxisCatalog.TestedWeights, AxisCatalog.MinDelta, AxisCatalog.Monitor, AxisCatalog.LrFactor, AxisCatalog.LrStep, AxisCatalog.LrMin]),
        ["exponential rate"] = (
            Mlp with { LrSchedule = LearningRateScheduleKind.Exponential },
            Mlp with { LrSchedule = LearningRateScheduleKind.Exponential, LrStep = 1, LrMin = 0.002 },
            [AxisCatalog.LrStep, AxisCatalog.LrMin]),
        ["cnn of 2 blocks"] = (Configs.Cnn() with { Epochs = 2 }, Configs.Cnn() with { Epochs = 2, PoolPadding = PoolPadding.Same }, [AxisCatalog.PoolPadding]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Train_AnAxisWhereItDoesNotApply_GivesTheSameNumbers(string name)
    {
        var (baseline, varied, axes) = Idle[name];
        Assert.All(axes, axis => Assert.False(axis.AppliesTo(varied), $"{axis.Name} applies to this case"));

        var first = Trainers.Synthetic.Train(baseline);
        var second = Trainers.Synthetic.Train(varied);

        Assert.Equal(first.Result with { ConfusionMatrix = [] }, second.Result with { ConfusionMatrix = [] });
        Assert.Equal(
            first.History.Select(e => (e.TrainLoss, e.ValLoss, e.ValAccuracy, e.LearningRate)),
            second.History.Select(e => (e.TrainLoss, e.ValLoss, e.ValAccuracy, e.LearningRate)));
    }
}
