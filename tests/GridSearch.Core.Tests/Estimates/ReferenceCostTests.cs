using GridSearch.Core.Estimates;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Core.Tests.Estimates;

/// <summary>The reference cost of a trial, from counts worked out by hand for small networks.</summary>
public sealed class ReferenceCostTests
{
    private static readonly TrialConfig Mlp = TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with
    {
        HiddenLayers = [100],
        Shape = LayerShape.Explicit,
        Activations = [ActivationFunction.Relu],
        BatchNorm = false,
        Dropout = 0,
        BatchSize = 128,
        Epochs = 3,
        ValSplit = 0.1,
        TrainSize = 2000,
    };

    private static readonly TrialConfig Cnn = TrialDefaults.For(Dataset.Mnist, ModelFamily.Cnn) with
    {
        ConvLayers = 3,
        Filters = 4,
        KernelSize = 3,
        DenseUnits = 0,
        Activations = [ActivationFunction.Relu],
        BatchNorm = false,
        Dropout = 0,
        PoolPadding = PoolPadding.Valid,
    };

    private static double Forward(double multiplyAdds, double elements) =>
        (multiplyAdds * ReferenceCost.MultiplyAddSeconds) + (elements * ReferenceCost.ElementSeconds) + ReferenceCost.ImageSeconds;

    [Fact]
    public void Count_OfAnMlp_AddsItsDenseLayersAndEveryLayersOutputs()
    {
        // 784×100 + 100×10 multiply-adds; outputs: dense 100, ReLU 100, dense 10.
        Assert.Equal((79_400.0, 210.0), ReferenceCost.Count(ArchitectureBuilder.ForDataset(Mlp)!));
    }

    [Fact]
    public void Count_OfACnn_FollowsTheImageThroughItsBlocks_AndPoolingRoundsOddSidesAsConfigured()
    {
        // Valid pooling: 28 → 14 → 7 → 3. Convolutions (3×3, same size): 28·28·4 outputs × 1·9, 14·14·8 × 4·9,
        // 7·7·16 × 8·9 = 28,224 + 56,448 + 56,448; dense 3·3·16 × 10 = 1,440. Outputs: conv, ReLU and pool
        // of each block (3,136·2 + 784, 1,568·2 + 392, 784·2 + 144) and the dense layer's 10.
        Assert.Equal((142_560.0, 12_306.0), ReferenceCost.Count(ArchitectureBuilder.ForDataset(Cnn)!));
        // Same pooling: 7 → 4, so the last pool has 4·4·16 = 256 outputs and the dense layer 2,560 multiply-adds.
        Assert.Equal((143_680.0, 12_418.0), ReferenceCost.Count(ArchitectureBuilder.ForDataset(Cnn with { PoolPadding = PoolPadding.Same })!));
        // Batch norm adds the convolutions' outputs again (3,136 + 1,568 + 784), dropout the pools' (784 + 392 + 144).
        Assert.Equal((142_560.0, 19_114.0), ReferenceCost.Count(ArchitectureBuilder.ForDataset(Cnn with { BatchNorm = true, Dropout = 0.2 })!));
    }

    [Theory]
    [InlineData(0.1, 2000, null, null, 2000, 6000)]
    [InlineData(0.2, 0, null, null, 48_000, 12_000)]
    [InlineData(0.1, 60_000, null, null, 54_000, 6000)]
    [InlineData(0.1, 1000, 5, 0, 800, 200)]
    [InlineData(0.1, 0, 4, 3, 45_000, 15_000)]
    public void Samples_AreWhatTheTrainerSplits(double valSplit, int trainSize, int? folds, int? fold, long train, long validation)
    {
        Assert.Equal((train, validation), ReferenceCost.Samples(Mlp with { ValSplit = valSplit, TrainSize = trainSize, Folds = folds, Fold = fold }));
    }

    [Fact]
    public void Of_AnMlp_PricesEachEpochAndTheTrialsEnd()
    {
        var cost = ReferenceCost.Of(Mlp)!;

        var forward = Forward(79_400, 210);
        Assert.Equal(forward, cost.ForwardSeconds, 15);
        // 2,000 training images in 16 batches of a network of 784·100 + 100 + 100·10 + 10 = 79,510 parameters,
        // and 6,000 validation images.
        var epoch = (2000 * ReferenceCost.TrainPasses * forward) + (16 * 79_510 * ReferenceCost.StepSecondsPerParameter) + (6000 * forward);
        Assert.Equal(epoch, cost.EpochSeconds, 12);
        Assert.Equal((10_000 * forward) + ReferenceCost.TrialSeconds, cost.EndSeconds, 12);
        Assert.Equal((3 * epoch) + cost.EndSeconds, cost.PlannedSeconds, 12);
        Assert.Equal(cost.EndSeconds, cost.Seconds(0), 12);
    }

    [Theory]
    [InlineData(0.5e-6, 0)]
    [InlineData(3.9e-6, 0)]
    [InlineData(4.1e-6, 1)]
    [InlineData(15.9e-6, 1)]
    [InlineData(16.1e-6, 2)]
    [InlineData(300e-6, 4)]
    public void SizeClass_GrowsByFactorsOfFourOfTheForwardPass(double forwardSeconds, int size)
    {
        Assert.Equal(size, new TrialCost(forwardSeconds, 1000, 1000, 100, 1000, 1).SizeClass);
    }
}
