using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

/// <summary>A trial stopped after an epoch, its checkpoint turned to bytes and resumed in a fresh session,
/// ends exactly as the same trial run without a stop: every epoch's metrics and the test metrics.</summary>
public sealed class ResumeTests
{
    // Every generator draw (initialisation, dropout, shuffling, augmentation), batch-norm statistics,
    // a plateau schedule that cuts the rate (no epoch beats the first by minDelta) and early stopping that
    // snapshots the best epoch.
    private static readonly TrialConfig Everything = Configs.Cnn() with
    {
        Dropout = 0.2,
        BatchNorm = true,
        Augment = AugmentationKind.ShiftRotate,
        Initializer = WeightInitializer.HeNormal,
        LrSchedule = LearningRateScheduleKind.Plateau,
        LrStep = 1,
        LrFactor = 0.5,
        MinDelta = 1,
        Patience = 3,
        Epochs = 4,
    };

    /// <summary>The run without a stop, with the checkpoint bytes of each epoch (null where none was taken).</summary>
    private static (TrainingOutcome Outcome, List<byte[]?> Checkpoints) Uninterrupted(TrialConfig config)
    {
        var checkpoints = new List<byte[]?>();
        var outcome = Trainers.Synthetic.Train(config, resumeFrom: null, (_, checkpoint) => checkpoints.Add(checkpoint?.Invoke().ToBytes()));
        return (outcome, checkpoints);
    }

    private static (TrainingOutcome Outcome, List<Epoch> Seen) ResumeFrom(TrialConfig config, byte[] checkpoint)
    {
        var seen = new List<Epoch>();
        var outcome = Trainers.Synthetic.Train(config, TrainingCheckpoint.FromBytes(checkpoint), (epoch, _) => seen.Add(epoch));
        return (outcome, seen);
    }

    private static void AssertSameTraining(TrainingOutcome expected, TrainingOutcome actual)
    {
        Assert.Equal(
            expected.History.Select(e => (e.Number, e.TrainLoss, e.TrainAccuracy, e.ValLoss, e.ValAccuracy, e.LearningRate)),
            actual.History.Select(e => (e.Number, e.TrainLoss, e.TrainAccuracy, e.ValLoss, e.ValAccuracy, e.LearningRate)));
        Assert.Equal(expected.Result with { ConfusionMatrix = [] }, actual.Result with { ConfusionMatrix = [] });
        Assert.Equal(expected.Result.ConfusionMatrix, actual.Result.ConfusionMatrix);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Resume_AfterEpochK_GivesBitForBitTheUninterruptedMetrics(int k)
    {
        var (uninterrupted, checkpoints) = Uninterrupted(Everything);

        var (resumed, seen) = ResumeFrom(Everything, checkpoints[k - 1]!);

        AssertSameTraining(uninterrupted, resumed);
        Assert.Equal(Enumerable.Range(k + 1, Everything.Epochs - k), seen.Select(e => e.Number));
        Assert.True(uninterrupted.History.Select(e => e.LearningRate).Distinct().Count() > 1, "the plateau schedule never cut the rate");
    }

    [Fact]
    public void Resume_FromTheLastEpoch_TrainsNothingAndTestsTheSameWeights()
    {
        var (uninterrupted, checkpoints) = Uninterrupted(Everything);

        var (resumed, seen) = ResumeFrom(Everything, checkpoints[^1]!);

        Assert.Empty(seen);
        AssertSameTraining(uninterrupted, resumed);
    }

    [Theory]
    [InlineData(Optimizer.Sgd)]
    [InlineData(Optimizer.Nesterov)]
    [InlineData(Optimizer.AdamW)]
    [InlineData(Optimizer.AmsGrad)]
    [InlineData(Optimizer.RmsProp)]
    [InlineData(Optimizer.Adagrad)]
    public void Resume_KeepsEachOptimizersState(Optimizer optimizer)
    {
        var config = Configs.Mlp() with { Optimizer = optimizer, LearningRate = 0.01, WeightDecay = 0.001, Epochs = 3 };
        var (uninterrupted, checkpoints) = Uninterrupted(config);

        var (resumed, _) = ResumeFrom(config, checkpoints[0]!);

        AssertSameTraining(uninterrupted, resumed);
    }

    [Fact]
    public void Resume_OfAnEarlyStoppedTrial_StopsAtTheSameEpochAndTestsTheBestWeights()
    {
        // Validation accuracy on the separable set saturates at once: patience 1 stops after a few epochs.
        var config = Configs.Mlp() with { Monitor = MonitoredMetric.ValAccuracy, Patience = 1, Epochs = 30, LearningRate = 0.01 };
        var (uninterrupted, checkpoints) = Uninterrupted(config);
        Assert.Equal(StopReason.EarlyStopped, uninterrupted.Result.StopReason);
        // The stopping epoch carries no checkpoint: resuming repeats it from the one before.
        Assert.Null(checkpoints[^1]);

        var (resumed, _) = ResumeFrom(config, checkpoints[^2]!);

        AssertSameTraining(uninterrupted, resumed);
    }

    [Fact]
    public void Resume_WithAnotherArchitecturesCheckpoint_IsRefused()
    {
        var (_, checkpoints) = Uninterrupted(Configs.Mlp() with { Epochs = 1 });

        var error = Assert.Throws<NativeTrainingException>(() => ResumeFrom(Configs.Mlp(Dataset.Mnist, 64) with { Epochs = 2 }, checkpoints[0]!));
        Assert.Contains("shape", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_OfOtherBytes_SaysTheyAreNoCheckpoint()
    {
        var (_, checkpoints) = Uninterrupted(Configs.Mlp() with { Epochs = 1 });

        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.FromBytes("not a checkpoint"u8.ToArray()));
        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.FromBytes(checkpoints[0]![..^10]));
    }
}
