using GridSearch.Core.Training;
using GridSearch.Engine.Tests.Support;

namespace GridSearch.Engine.Tests.Plans;

public sealed class TrainingPlanTests
{
    [Theory]
    [InlineData("sgd", OptimizerKind.Sgd, 0.0, false, false)]
    [InlineData("momentum", OptimizerKind.Sgd, 0.9, false, false)]
    [InlineData("nesterov", OptimizerKind.Sgd, 0.9, true, false)]
    [InlineData("adam", OptimizerKind.Adam, 0.0, false, false)]
    [InlineData("amsgrad", OptimizerKind.Adam, 0.0, false, true)]
    [InlineData("adamw", OptimizerKind.AdamW, 0.0, false, false)]
    [InlineData("rmsprop", OptimizerKind.RmsProp, 0.0, false, false)]
    [InlineData("adagrad", OptimizerKind.Adagrad, 0.0, false, false)]
    public void Create_MapsEachOptimizerName(string name, OptimizerKind kind, double momentum, bool nesterov, bool amsgrad)
    {
        var plan = TrainingPlan.Create(Configs.Mlp("mnist") with { Optimizer = name, WeightDecay = 1e-4 }, ImageShape.Mnist, 10);

        Assert.Equal(new OptimizerSettings(kind, 0.003, 1e-4, momentum, nesterov, amsgrad), plan.Optimizer);
    }

    [Fact]
    public void Create_ResolvesNamesToWhatTheTrainerRuns()
    {
        var plan = TrainingPlan.Create(
            Configs.Mlp("mnist") with { Initializer = "he_uniform", Monitor = "val_accuracy", LrSchedule = "cosine", Augment = "shift_rotate" },
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
        var config = Configs.Mlp("mnist") with { Optimizer = "lion", Initializer = "zeros", BatchSize = 0, ValSplit = 1.5, LrSchedule = "warmup" };

        var error = Assert.Throws<InvalidTrialConfigException>(() => TrainingPlan.Create(config, ImageShape.Mnist, 10));

        Assert.Equal(5, error.Problems.Count);
        Assert.Contains("optimizer 'lion' is not one of", error.Message, StringComparison.Ordinal);
        Assert.Contains("initializer 'zeros'", error.Message, StringComparison.Ordinal);
        Assert.Contains("batchSize must be at least 1", error.Message, StringComparison.Ordinal);
    }
}
