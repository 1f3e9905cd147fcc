using GridSearch.Domain.Architectures;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Architectures;

/// <summary>The parameter count the planner derives in C# (no libtorch) for a dry run is the one libtorch
/// reports for the network it trained.</summary>
public sealed class ParameterCountTests
{
    public static TheoryData<string> Models => ["mlp", "mlp with batch norm", "cnn", "cnn with batch norm, no dense layer", "cnn of 3 blocks, same pooling",
        "mlp with batch norm after the activation", "cnn with batch norm after the activation"];

    private static TrialConfig Config(string model) => model switch
    {
        "mlp" => Configs.Mlp(Dataset.Mnist, 64, 32),
        "mlp with batch norm" => Configs.Mlp(Dataset.Mnist, 48) with { BatchNorm = true, Dropout = 0.2 },
        "cnn" => Configs.Cnn(),
        "cnn of 3 blocks, same pooling" => Configs.Cnn() with { ConvLayers = 3, PoolPadding = PoolPadding.Same, DenseUnits = 0 },
        "mlp with batch norm after the activation" => Configs.Mlp(Dataset.Mnist, 48) with { BatchNorm = true, BatchNormPosition = BatchNormPosition.AfterActivation },
        "cnn with batch norm after the activation" => Configs.Cnn() with { BatchNorm = true, BatchNormPosition = BatchNormPosition.AfterActivation, PoolPadding = PoolPadding.Same },
        _ => Configs.Cnn() with { BatchNorm = true, DenseUnits = 0, KernelSize = 5 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void DerivedParameterCount_EqualsTheCountLibtorchReportsForTheTrainedNetwork(string model)
    {
        var config = Config(model) with { TrainSize = 200, Epochs = 1 };

        var trained = Trainers.Real.Train(config);

        Assert.Equal(trained.Result.ParameterCount, ArchitectureBuilder.ForDataset(config)!.ParameterCount);
    }

    [Theory]
    [InlineData(PoolPadding.Valid, 64 * 10 + 10)]
    [InlineData(PoolPadding.Same, 256 * 10 + 10)]
    public void FourBlocksOf8Filters_PoolTo1Or2Pixels_AsKerasValidOrSamePaddingDoes(PoolPadding padding, int outputLayer)
    {
        // The Fashion-MNIST write-up's "model_cnn_8_4_layers": 28 → 14 → 7 → 4 → 2 with padding "same",
        // 256 features into the output layer and 27,194 trainable parameters in Keras' summary.
        var config = Configs.Cnn(Dataset.FashionMnist) with
        {
            ConvLayers = 4, Filters = 8, KernelSize = 3, BatchNorm = true, DenseUnits = 0, Dropout = 0.2, PoolPadding = padding,
        };

        var parameters = ArchitectureBuilder.ForDataset(config)!.ParameterCount;

        const int ConvolutionsAndBatchNorm = 80 + 16 + 1168 + 32 + 4640 + 64 + 18496 + 128;
        Assert.Equal(ConvolutionsAndBatchNorm + outputLayer, parameters);
    }

    [Fact]
    public void BatchNormAfterTheActivation_SitsBetweenTheActivationAndThePooling_AsInKeras()
    {
        // The Fashion-MNIST write-up's blocks: Conv2D(activation="relu") → BatchNormalization → MaxPooling2D → Dropout.
        var config = Configs.Cnn(Dataset.FashionMnist) with
        {
            ConvLayers = 1, BatchNorm = true, BatchNormPosition = BatchNormPosition.AfterActivation, DenseUnits = 64, Dropout = 0.2,
        };

        var kinds = ArchitectureBuilder.ForDataset(config)!.Layers.Select(l => l.Kind);

        Assert.Equal(
            [
                LayerKind.Conv2d, LayerKind.Activation, LayerKind.BatchNorm2d, LayerKind.MaxPool2, LayerKind.Dropout, LayerKind.Flatten,
                LayerKind.Dense, LayerKind.Activation, LayerKind.BatchNorm1d, LayerKind.Dropout, LayerKind.Dense,
            ],
            kinds);
    }
}
