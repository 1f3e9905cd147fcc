using GridSearch.Core.Architectures;
using GridSearch.Core.Trials;
using GridSearch.Core.Vocabulary;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Architectures;

/// <summary>The parameter count the planner derives in C# (no libtorch) for a dry run is the one libtorch
/// reports for the network it trained.</summary>
public sealed class ParameterCountTests
{
    public static TheoryData<string> Models => ["mlp", "mlp with batch norm", "cnn", "cnn with batch norm, no dense layer"];

    private static TrialConfig Config(string model) => model switch
    {
        "mlp" => Configs.Mlp(Dataset.Mnist, 64, 32),
        "mlp with batch norm" => Configs.Mlp(Dataset.Mnist, 48) with { BatchNorm = true, Dropout = 0.2 },
        "cnn" => Configs.Cnn(),
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
}
