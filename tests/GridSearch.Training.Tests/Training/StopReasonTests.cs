using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

public sealed class StopReasonTests
{
    [Fact]
    public void Train_WithHugeLearningRate_EndsAsDiverged()
    {
        // Leaky ReLU never goes dead, so the weights feed each other's growth until they overflow.
        var outcome = Trainers.Synthetic.Train(Configs.Mlp(Dataset.Mnist, 64, 64) with
        {
            Optimizer = Optimizer.Sgd,
            LearningRate = 1e6,
            Activations = [ActivationFunction.LeakyRelu],
            Epochs = 5,
        });

        Assert.Equal(StopReason.Diverged, outcome.Result.StopReason);
        Assert.True(outcome.History.Count < 5);
        Assert.False(double.IsFinite(outcome.History[^1].TrainLoss) && double.IsFinite(outcome.History[^1].ValLoss!.Value));
    }

    [Fact]
    public void Train_WhenShouldStopTurnsTrue_EndsAsCancelledAfterThatEpoch()
    {
        var epochs = 0;

        var outcome = Trainers.Synthetic.Train(Configs.Mlp() with { Epochs = 10 }, _ => epochs++, shouldStop: () => epochs >= 2 ? StopReason.Cancelled : null);

        Assert.Equal(StopReason.Cancelled, outcome.Result.StopReason);
        Assert.Equal(2, outcome.History.Count);
        Assert.Equal(2, outcome.Result.BestEpoch);
    }

    [Fact]
    public void Train_WhenShouldStopGivesPruned_EndsPrunedAfterThatEpoch_TestedOnTheWeightsItHas()
    {
        var epochs = 0;

        var outcome = Trainers.Synthetic.Train(Configs.Mlp() with { Epochs = 10 }, _ => epochs++, shouldStop: () => epochs >= 1 ? StopReason.Pruned : null);

        Assert.Equal(StopReason.Pruned, outcome.Result.StopReason);
        Assert.Single(outcome.History);
        Assert.Equal(1, outcome.Result.BestEpoch);
        Assert.InRange(outcome.Result.TestAccuracy, 0.0, 1.0);
    }

    [Fact]
    public void Train_WithCancelledToken_EndsAsCancelledBeforeAnyEpoch()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var outcome = Trainers.Synthetic.Train(Configs.Mlp(), cancellationToken: cancellation.Token);

        Assert.Equal(StopReason.Cancelled, outcome.Result.StopReason);
        Assert.Empty(outcome.History);
        Assert.Equal(0, outcome.Result.BestEpoch);
        Assert.Null(outcome.Result.ValLoss);
    }
}
