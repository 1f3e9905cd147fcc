using GridSearch.Domain.Architectures;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Plans;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

public sealed class EarlyStoppingTests
{
    // A wide network on 1,000 MNIST images overfits: validation loss bottoms out after a few epochs.
    private static readonly TrialConfig Overfitting = Configs.Mlp(Dataset.Mnist, 256) with
    {
        TrainSize = 1000,
        LearningRate = 0.002,
        BatchSize = 32,
        Epochs = 40,
        Patience = 3,
    };

    [Fact]
    public void Train_WithPatience_StopsPatienceEpochsAfterTheBestAndReportsIt()
    {
        var outcome = Trainers.Real.Train(Overfitting);

        Assert.Equal(StopReason.EarlyStopped, outcome.Result.StopReason);
        var best = outcome.History.MinBy(e => e.ValLoss)!;
        Assert.Equal(best.Number, outcome.Result.BestEpoch);
        Assert.Equal(best.Number + Overfitting.Patience, outcome.History.Count);
        Assert.Equal(best.ValLoss, outcome.Result.ValLoss);
        Assert.Equal(best.ValAccuracy, outcome.Result.ValAccuracy);
    }

    [Fact]
    public void Train_WithPatience_TestsTheBestEpochsWeights()
    {
        var stopped = Trainers.Real.Train(Overfitting);
        // The same seed retraced only up to the best epoch ends with the same weights.
        var upToBest = Trainers.Real.Train(Overfitting with { Epochs = stopped.Result.BestEpoch, Patience = 0 });

        Assert.True(stopped.Result.BestEpoch < stopped.History.Count);
        Assert.Equal(upToBest.Result.TestLoss, stopped.Result.TestLoss);
        Assert.Equal(upToBest.Result.TestAccuracy, stopped.Result.TestAccuracy);
    }

    [Fact]
    public void Train_WithPatienceAndTheLastEpochsWeights_StopsAlikeButTestsTheLastEpoch()
    {
        var best = Trainers.Real.Train(Overfitting);
        var last = Trainers.Real.Train(Overfitting with { TestedWeights = TestedWeights.LastEpoch });
        // The same seed trained without early stopping to the same epoch ends with the same weights.
        var plain = Trainers.Real.Train(Overfitting with { Epochs = best.History.Count, Patience = 0 });

        Assert.Equal(StopReason.EarlyStopped, last.Result.StopReason);
        Assert.Equal(best.History.Count, last.History.Count);
        Assert.Equal(last.History.Count, last.Result.BestEpoch);
        Assert.Equal(last.History[^1].ValLoss, last.Result.ValLoss);
        Assert.Equal(plain.Result.TestLoss, last.Result.TestLoss);
        Assert.NotEqual(best.Result.TestLoss, last.Result.TestLoss);
    }

    [Fact]
    public void Restore_AfterMoreEpochs_BringsBackTheSnapshotsValidationMetrics()
    {
        var data = SyntheticData.Data;
        var architecture = ArchitectureBuilder.Build(Configs.Mlp() with { BatchNorm = true }, data.Train.Shape, 10);
        using var session = TrainingSession.Create(architecture, WeightInitializer.Default, 5, new OptimizerSettings(OptimizerKind.Adam, 0.01, 0));
        using var validation = data.Train.Subset([.. Enumerable.Range(0, 300)]);

        session.TrainEpoch(data.Train, 32);
        var atSnapshot = session.Evaluate(validation, 100);
        session.Snapshot();
        session.TrainEpoch(data.Train, 32);
        session.TrainEpoch(data.Train, 32);
        var moved = session.Evaluate(validation, 100);
        session.Restore();
        var restored = session.Evaluate(validation, 100);

        Assert.NotEqual(atSnapshot.Loss, moved.Loss);
        Assert.Equal(atSnapshot.Loss, restored.Loss);
        Assert.Equal(atSnapshot.Accuracy, restored.Accuracy);
    }
}
