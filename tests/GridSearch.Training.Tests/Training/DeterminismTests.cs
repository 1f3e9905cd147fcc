using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

public sealed class DeterminismTests
{
    // Dropout, shuffling, augmentation and initialisation all draw from the trial's generator.
    private static readonly TrialConfig Config = Configs.Cnn() with
    {
        Dropout = 0.2,
        Augment = AugmentationKind.ShiftRotate,
        Initializer = WeightInitializer.HeNormal,
        Epochs = 2,
    };

    [Fact]
    public void Train_SameSeedTwice_GivesIdenticalMetrics()
    {
        var first = Trainers.Synthetic.Train(Config);
        var second = Trainers.Synthetic.Train(Config);

        Assert.Equal(first.Result with { ConfusionMatrix = [] }, second.Result with { ConfusionMatrix = [] });
        Assert.Equal(first.Result.ConfusionMatrix, second.Result.ConfusionMatrix);
        Assert.Equal(
            first.History.Select(e => (e.TrainLoss, e.TrainAccuracy, e.ValLoss, e.ValAccuracy)),
            second.History.Select(e => (e.TrainLoss, e.TrainAccuracy, e.ValLoss, e.ValAccuracy)));
    }

    [Fact]
    public void Train_AnotherSeed_GivesOtherMetrics()
    {
        var first = Trainers.Synthetic.Train(Config);
        var other = Trainers.Synthetic.Train(Config with { Seed = Config.Seed + 1 });

        Assert.NotEqual(first.History[0].TrainLoss, other.History[0].TrainLoss);
    }
}
