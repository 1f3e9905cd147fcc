using GridSearch.Domain.Architectures;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Architectures;

public sealed class ArchitectureBuilderTests
{
    private static Architecture Build(TrialConfig config) =>
        ArchitectureBuilder.Build(config, ImageShape.Mnist, 10);

    [Fact]
    public void Build_Mlp784x256x256_Has269322Parameters()
    {
        var architecture = Build(Configs.Mlp(Dataset.Mnist, 256, 256));

        // 784·256+256 + 256·256+256 + 256·10+10
        Assert.Equal(269_322, architecture.ParameterCount);
        Assert.Equal(
            [LayerKind.Flatten, LayerKind.Dense, LayerKind.Activation, LayerKind.Dense, LayerKind.Activation, LayerKind.Dense],
            architecture.Layers.Select(l => l.Kind));
    }

    [Fact]
    public void Build_CnnTwoBlocksSamePadding_PoolsEachBlockAndDoublesFilters()
    {
        var architecture = Build(Configs.Cnn(Dataset.Mnist) with { Filters = 32, DenseUnits = 128 });

        // conv 1→32 (320), pool to 14×14, conv 32→64 (18,496), pool to 7×7, dense 3136→128 (401,536), dense 128→10 (1,290)
        Assert.Equal(421_642, architecture.ParameterCount);
        var convolutions = architecture.Layers.Where(l => l.Kind == LayerKind.Conv2d).ToList();
        Assert.Equal([(1, 32), (32, 64)], convolutions.Select(c => (c.Inputs, c.Outputs)));
        Assert.All(convolutions, c => Assert.Equal((3, 1), (c.Kernel, c.Padding)));
        Assert.Equal(64 * 7 * 7, architecture.Layers.Single(l => l.Kind == LayerKind.Dense && l.Outputs == 128).Inputs);
    }

    [Fact]
    public void Build_KerasTutorialCnnAsLayers_Has93322Parameters()
    {
        // The Keras tutorial CNN (valid padding): conv32, pool, conv64, pool, conv64, flatten, dense64, dense10.
        LayerSpec[] layers =
        [
            LayerSpec.Conv2d(1, 32, 3, 0), LayerSpec.MaxPool2(), LayerSpec.Conv2d(32, 64, 3, 0), LayerSpec.MaxPool2(),
            LayerSpec.Conv2d(64, 64, 3, 0), LayerSpec.Flatten(), LayerSpec.Dense(3 * 3 * 64, 64), LayerSpec.Dense(64, 10),
        ];

        Assert.Equal(93_322, new Architecture(ImageShape.Mnist, 10, layers).ParameterCount);
    }

    [Fact]
    public void Build_WithBatchNormAndDropout_PlacesThemAroundEachHiddenLayer()
    {
        var architecture = Build(Configs.Mlp(Dataset.Mnist, 64, 32) with { BatchNorm = true, Dropout = 0.25, Activations = [ActivationFunction.Tanh, ActivationFunction.Elu] });

        Assert.Equal(
            [
                LayerKind.Flatten,
                LayerKind.Dense, LayerKind.BatchNorm1d, LayerKind.Activation, LayerKind.Dropout,
                LayerKind.Dense, LayerKind.BatchNorm1d, LayerKind.Activation, LayerKind.Dropout,
                LayerKind.Dense,
            ],
            architecture.Layers.Select(l => l.Kind));
        Assert.Equal(
            [ActivationFunction.Tanh, ActivationFunction.Elu],
            architecture.Layers.Where(l => l.Kind == LayerKind.Activation).Select(l => l.Activation));
        // Batch norm adds a scale and a shift per feature.
        Assert.Equal((784 * 64) + 64 + (2 * 64) + (64 * 32) + 32 + (2 * 32) + (32 * 10) + 10, architecture.ParameterCount);
    }

    [Fact]
    public void Build_CnnWithDenseLayer_UsesOneActivationPerBlockThenTheDenseLayer()
    {
        var architecture = Build(Configs.Cnn(Dataset.Mnist) with { Activations = [ActivationFunction.Relu, ActivationFunction.Gelu, ActivationFunction.LeakyRelu], BatchNorm = true });

        var activations = architecture.Layers.Where(l => l.Kind == LayerKind.Activation).ToList();
        Assert.Equal([ActivationFunction.Relu, ActivationFunction.Gelu, ActivationFunction.LeakyRelu], activations.Select(a => a.Activation));
        Assert.Equal(LayerSpec.LeakyReluSlope, activations[2].Value);
        Assert.Equal([LayerKind.BatchNorm2d, LayerKind.BatchNorm2d, LayerKind.BatchNorm1d],
            architecture.Layers.Where(l => l.Kind is LayerKind.BatchNorm1d or LayerKind.BatchNorm2d).Select(l => l.Kind));
    }

    [Fact]
    public void Build_CnnWithoutDenseUnits_GoesStraightFromFlattenToTheOutput()
    {
        var architecture = Build(Configs.Cnn(Dataset.Mnist) with { DenseUnits = 0 });

        Assert.Equal([LayerKind.Flatten, LayerKind.Dense], architecture.Layers.TakeLast(2).Select(l => l.Kind));
        Assert.Equal(16 * 7 * 7, architecture.Layers[^1].Inputs);
    }

    [Theory]
    [InlineData(ActivationFunction.None)]
    [InlineData((ActivationFunction)99)]
    public void Build_WithActivationNoSearchMayName_ThrowsNamingIt(ActivationFunction activation)
    {
        var error = Assert.Throws<InvalidTrialConfigException>(() => Build(Configs.Mlp(Dataset.Mnist) with { Activations = [activation] }));

        Assert.Contains($"activation {activation} is not one of relu, tanh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithWrongNumberOfActivations_Throws()
    {
        var error = Assert.Throws<InvalidTrialConfigException>(() =>
            Build(Configs.Mlp(Dataset.Mnist, 10, 10, 10) with { Activations = [ActivationFunction.Relu, ActivationFunction.Tanh] }));

        Assert.Contains("one per hidden layer (3), got 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 3, 32)]
    [InlineData(2, 4, 32)]
    [InlineData(2, 3, 0)]
    public void Build_CnnWithImpossibleSizes_Throws(int convLayers, int kernelSize, int filters)
    {
        Assert.Throws<InvalidTrialConfigException>(() =>
            Build(Configs.Cnn(Dataset.Mnist) with { ConvLayers = convLayers, KernelSize = kernelSize, Filters = filters, Activations = [ActivationFunction.Relu] }));
    }

    [Fact]
    public void Build_UnknownModel_Throws()
    {
        Assert.Throws<InvalidTrialConfigException>(() => Build(Configs.Mlp(Dataset.Mnist) with { Model = (ModelFamily)7 }));
    }
}
