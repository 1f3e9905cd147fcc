using GridSearch.Core.Training;
using GridSearch.Engine.Tests.Support;
using GridSearch.Worker.Training;

namespace GridSearch.Engine.Tests.Training;

public sealed class TrainingSessionTests
{
    public static TheoryData<string> Architectures() => ["mlp", "mlp-batchnorm-dropout", "cnn", "cnn-batchnorm-nodense"];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Create_CountsTheSameParametersAsTheBuilder(string name)
    {
        var config = name switch
        {
            "mlp" => Configs.Mlp("mnist", 256, 256),
            "mlp-batchnorm-dropout" => Configs.Mlp("mnist", 300, 100) with { BatchNorm = true, Dropout = 0.3 },
            "cnn" => Configs.Cnn("mnist") with { Filters = 32, DenseUnits = 128, KernelSize = 5 },
            _ => Configs.Cnn("mnist") with { BatchNorm = true, DenseUnits = 0, ConvLayers = 3 },
        };
        var architecture = ArchitectureBuilder.Build(config, ImageShape.Mnist, 10);

        using var session = TrainingSession.Create(architecture, WeightInitializer.GlorotUniform, 1, new OptimizerSettings(OptimizerKind.Adam, 0.001, 0));

        Assert.Equal(architecture.ParameterCount, session.ParameterCount);
    }

    public static TheoryData<string, string, string> Variants() => new()
    {
        { "sgd", "he_normal", "relu" },
        { "momentum", "he_uniform", "tanh" },
        { "nesterov", "glorot_normal", "sigmoid" },
        { "adam", "glorot_uniform", "elu" },
        { "adamw", "default", "leaky_relu" },
        { "amsgrad", "he_normal", "gelu" },
        { "rmsprop", "default", "selu" },
        { "adagrad", "glorot_uniform", "relu" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Train_EveryOptimizerInitializerAndActivation_LearnsTheSyntheticImages(string optimizer, string initializer, string activation)
    {
        var learningRate = optimizer is "sgd" or "adagrad" ? 0.05 : optimizer is "momentum" or "nesterov" ? 0.02 : 0.003;
        var config = Configs.Mlp() with
        {
            Optimizer = optimizer,
            Initializer = initializer,
            Activations = [activation],
            LearningRate = learningRate,
            WeightDecay = 1e-5,
            Epochs = 4,
        };

        var outcome = Trainers.Synthetic.Train(config);

        Assert.True(outcome.Result.TestAccuracy > 0.9, $"{optimizer}/{initializer}/{activation}: {outcome.Result.TestAccuracy}");
    }
}
