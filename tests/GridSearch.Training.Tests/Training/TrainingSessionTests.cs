using GridSearch.Domain.Architectures;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Plans;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

public sealed class TrainingSessionTests
{
    public static TheoryData<string> Architectures() => ["mlp", "mlp-batchnorm-dropout", "cnn", "cnn-batchnorm-nodense"];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Create_CountsTheSameParametersAsTheBuilder(string name)
    {
        var config = name switch
        {
            "mlp" => Configs.Mlp(Dataset.Mnist, 256, 256),
            "mlp-batchnorm-dropout" => Configs.Mlp(Dataset.Mnist, 300, 100) with { BatchNorm = true, Dropout = 0.3 },
            "cnn" => Configs.Cnn(Dataset.Mnist) with { Filters = 32, DenseUnits = 128, KernelSize = 5 },
            _ => Configs.Cnn(Dataset.Mnist) with { BatchNorm = true, DenseUnits = 0, ConvLayers = 3 },
        };
        var architecture = ArchitectureBuilder.Build(config, ImageShape.Mnist, 10);

        using var session = TrainingSession.Create(architecture, WeightInitializer.GlorotUniform, 1, new OptimizerSettings(OptimizerKind.Adam, 0.001, 0));

        Assert.Equal(architecture.ParameterCount, session.ParameterCount);
    }

    public static TheoryData<Optimizer, WeightInitializer, ActivationFunction> Variants() => new()
    {
        { Optimizer.Sgd, WeightInitializer.HeNormal, ActivationFunction.Relu },
        { Optimizer.Momentum, WeightInitializer.HeUniform, ActivationFunction.Tanh },
        { Optimizer.Nesterov, WeightInitializer.GlorotNormal, ActivationFunction.Sigmoid },
        { Optimizer.Adam, WeightInitializer.GlorotUniform, ActivationFunction.Elu },
        { Optimizer.AdamW, WeightInitializer.Default, ActivationFunction.LeakyRelu },
        { Optimizer.AmsGrad, WeightInitializer.HeNormal, ActivationFunction.Gelu },
        { Optimizer.RmsProp, WeightInitializer.Default, ActivationFunction.Selu },
        { Optimizer.Adagrad, WeightInitializer.GlorotUniform, ActivationFunction.Relu },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Train_EveryOptimizerInitializerAndActivation_LearnsTheSyntheticImages(Optimizer optimizer, WeightInitializer initializer, ActivationFunction activation)
    {
        var learningRate = optimizer is Optimizer.Sgd or Optimizer.Adagrad ? 0.05 : optimizer is Optimizer.Momentum or Optimizer.Nesterov ? 0.02 : 0.003;
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
