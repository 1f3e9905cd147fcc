using GridSearch.Domain.Architectures;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Plans;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Plans;

public sealed class TrainingPlanTests
{
    [Theory]
    [InlineData(Optimizer.Sgd, OptimizerKind.Sgd, 0.0, false, false)]
    [InlineData(Optimizer.Momentum, OptimizerKind.Sgd, 0.9, false, false)]
    [InlineData(Optimizer.Nesterov, OptimizerKind.Sgd, 0.9, true, false)]
    [InlineData(Optimizer.Adam, OptimizerKind.Adam, 0.0, false, false)]
    [InlineData(Optimizer.AmsGrad, OptimizerKind.Adam, 0.0, false, true)]
    [InlineData(Optimizer.AdamW, OptimizerKind.AdamW, 0.0, false, false)]
    [InlineData(Optimizer.RmsProp, OptimizerKind.RmsProp, 0.0, false, false)]
    [InlineData(Optimizer.Adagrad, OptimizerKind.Adagrad, 0.0, false, false)]
    public void Create_MapsEachOptimizer(Optimizer name, OptimizerKind kind, double momentum, bool nesterov, bool amsgrad)
    {
        var plan = TrainingPlan.Create(Configs.Mlp(Dataset.Mnist) with { Optimizer = name, WeightDecay = 1e-4 }, ImageShape.Mnist, 10);

        Assert.Equal(new OptimizerSettings(kind, 0.003, 1e-4, momentum, nesterov, amsgrad), plan.Optimizer);
    }

    [Fact]
    public void Create_ResolvesNamesToWhatTheTrainerRuns()
    {
        var plan = TrainingPlan.Create(
            Configs.Mlp(Dataset.Mnist) with { Initializer = WeightInitializer.HeUniform, Monitor = MonitoredMetric.ValAccuracy, LrSchedule = LearningRateScheduleKind.Cosine, Augment = AugmentationKind.ShiftRotate },
            ImageShape.Mnist,
            10);

        Assert.Equal(WeightInitializer.HeUniform, plan.Initializer);
        Assert.Equal(MonitoredMetric.ValAccuracy, plan.Monitor);
        Assert.Equal(LearningRateScheduleKind.Cosine, plan.Schedule);
        Assert.Equal(Augmentation.ShiftRotate, plan.Augmentation);
    }

    [Fact]
    public void Create_WithSeveralProblems_ListsThemAll()
    {
        var config = Configs.Mlp(Dataset.Mnist) with { Optimizer = (Optimizer)20, Initializer = (WeightInitializer)20, BatchSize = 0, ValSplit = 1.5, LrSchedule = (LearningRateScheduleKind)20 };

        var error = Assert.Throws<InvalidTrialConfigException>(() => TrainingPlan.Create(config, ImageShape.Mnist, 10));

        Assert.Equal(5, error.Problems.Count);
        Assert.Contains("optimizer 20 is not one of sgd, momentum", error.Message, StringComparison.Ordinal);
        Assert.Contains("initializer 20 is not one of default, he_normal", error.Message, StringComparison.Ordinal);
        Assert.Contains("batchSize must be at least 1", error.Message, StringComparison.Ordinal);
    }
}
