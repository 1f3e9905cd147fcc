using GridSearch.Domain.Architectures;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Data;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

/// <summary>A slot warms up before its first claim: a tiny MLP and CNN on images of their own, nothing of the trials'.</summary>
public sealed class WarmUpTests
{
    /// <summary>A source that must not be read: the warm-up has its own images.</summary>
    private sealed class Untouchable : ITrainingDataSource
    {
        public TrainingData Load(Dataset dataset) => throw new InvalidOperationException($"The warm-up read {dataset}.");
    }

    [Fact]
    public void WarmUp_TrainsAnMlpAndACnnOneEpochEach_WithoutReadingTheTrainersData()
    {
        var outcomes = new TrialTrainer(new Untouchable(), Trainers.Options).WarmUp();

        // The MLP first, then the CNN (its first layer a convolution).
        Assert.Equal([false, true], outcomes.Select(o => o.State.Architecture.Layers.Any(l => l.Kind == LayerKind.Conv2d)));
        Assert.All(outcomes, outcome =>
        {
            Assert.Equal(StopReason.Completed, outcome.Result.StopReason);
            Assert.Single(outcome.History);
            Assert.True(double.IsFinite(outcome.History[0].TrainLoss));
            Assert.True(outcome.Result.ParameterCount > 0);
        });
    }

    [Fact]
    public void WarmUp_LeavesTheNextTrialsMetricsAsAColdTrainerGivesThem()
    {
        // The warm-up's own split key (dataset, valSplit, trainSize, seed): a warm-up that filled this trainer's
        // split cache with its 320 images would hand this trial their rows.
        var config = Configs.Cnn() with { Dropout = 0.2, Epochs = 2, Seed = SearchPlanner.DefaultSeed };
        var cold = new TrialTrainer(SyntheticData.Source, Trainers.Options).Train(config);

        var warm = new TrialTrainer(SyntheticData.Source, Trainers.Options);
        warm.WarmUp();
        var afterWarmUp = warm.Train(config);

        Assert.Equal(cold.Result with { ConfusionMatrix = [] }, afterWarmUp.Result with { ConfusionMatrix = [] });
        Assert.Equal(cold.History.Select(e => (e.TrainLoss, e.ValAccuracy)), afterWarmUp.History.Select(e => (e.TrainLoss, e.ValAccuracy)));
    }
}
