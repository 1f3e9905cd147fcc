using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

public sealed class LearningTests
{
    [Fact]
    public void Train_MlpOnSeparableSyntheticImages_ExceedsNinetyFivePercent()
    {
        var outcome = Trainers.Synthetic.Train(Configs.Mlp());

        Assert.Equal(StopReason.Completed, outcome.Result.StopReason);
        Assert.True(outcome.Result.TestAccuracy > 0.95, $"test accuracy {outcome.Result.TestAccuracy}");
        Assert.True(outcome.History[^1].TrainAccuracy > 0.95, $"train accuracy {outcome.History[^1].TrainAccuracy}");
    }

    [Fact]
    public void Train_CnnOnSeparableSyntheticImages_ExceedsNinetyFivePercent()
    {
        var outcome = Trainers.Synthetic.Train(Configs.Cnn() with { BatchNorm = true, Dropout = 0.1 });

        Assert.True(outcome.Result.TestAccuracy > 0.95, $"test accuracy {outcome.Result.TestAccuracy}");
        Assert.True(outcome.Result.ValAccuracy > 0.95, $"validation accuracy {outcome.Result.ValAccuracy}");
    }

    [Fact]
    public void Train_MlpOn5000MnistImages_ReachesNinetyPercentOnTheTestSetWithinThreeEpochs()
    {
        var config = Configs.Mlp(Dataset.Mnist, 256, 256) with { TrainSize = 5000, Epochs = 3, LearningRate = 0.001, BatchSize = 64 };

        var outcome = Trainers.Real.Train(config);

        Assert.True(outcome.Result.TestAccuracy >= 0.90, $"test accuracy {outcome.Result.TestAccuracy}");
        Assert.Equal(10_000, outcome.Result.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.Equal(10, outcome.Result.ConfusionMatrix.Length);
        Assert.All(outcome.Result.ConfusionMatrix, row => Assert.Equal(10, row.Length));
        // The diagonal holds the correct predictions.
        Assert.Equal(outcome.Result.TestAccuracy * 10_000, Enumerable.Range(0, 10).Sum(i => outcome.Result.ConfusionMatrix[i][i]), 0.5);
        Assert.Equal(269_322, outcome.Result.ParameterCount);
    }

    [Fact]
    public void Train_OnFashionMnist_LoadsItAndLearns()
    {
        var outcome = Trainers.Real.Train(Configs.Mlp(Dataset.FashionMnist, 128) with { TrainSize = 3000, Epochs = 2, LearningRate = 0.002 });

        Assert.True(outcome.Result.TestAccuracy > 0.7, $"test accuracy {outcome.Result.TestAccuracy}");
    }

    [Fact]
    public void Train_ReportsEveryEpochToTheCallbackAndInTheHistory()
    {
        var seen = new List<Epoch>();

        var outcome = Trainers.Synthetic.Train(Configs.Mlp() with { Epochs = 4, LrSchedule = LearningRateScheduleKind.Step, LrStep = 2, LrFactor = 0.1 }, seen.Add);

        Assert.Equal([1, 2, 3, 4], seen.Select(e => e.Number));
        Assert.Equal(seen, outcome.History);
        Assert.Equal([0.003, 0.003, 0.0003, 0.0003], seen.Select(e => Math.Round(e.LearningRate, 12)));
        Assert.All(seen, e =>
        {
            Assert.InRange(e.TrainAccuracy, 0, 1);
            Assert.NotNull(e.ValLoss);
            Assert.True(e.Seconds > 0);
        });
        Assert.Equal(4, outcome.Result.BestEpoch);
        Assert.Equal(seen[^1].ValAccuracy, outcome.Result.ValAccuracy);
    }

    [Fact]
    public void Train_WithShiftRotateAugmentation_StillLearns()
    {
        var outcome = Trainers.Synthetic.Train(Configs.Cnn() with { Augment = AugmentationKind.ShiftRotate, Epochs = 4 });

        Assert.True(outcome.Result.TestAccuracy > 0.9, $"test accuracy {outcome.Result.TestAccuracy}");
    }
}
