using GridSearch.Domain.Architectures;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;
using GridSearch.Training.Plans;
using GridSearch.Training.Tests.Support;

namespace GridSearch.Training.Tests.Training;

public sealed class ErrorTests
{
    [Fact]
    public void Train_WithUnknownActivation_ThrowsAClearErrorBeforeAnyEpoch()
    {
        var epochs = 0;

        var error = Assert.Throws<InvalidTrialConfigException>(() =>
            Trainers.Synthetic.Train(Configs.Mlp() with { Activations = [(ActivationFunction)42] }, _ => epochs++));

        Assert.Contains("activation 42 is not one of relu, tanh", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, epochs);
    }

    [Fact]
    public void Train_WithUnknownDataset_ThrowsAClearError()
    {
        var error = Assert.Throws<InvalidTrialConfigException>(() => Trainers.Real.Train(Configs.Mlp() with { Dataset = (Dataset)10 }));

        Assert.Contains("dataset 10 is not one of mnist, fashion-mnist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WithTooSmallValidationSplit_ThrowsAClearError()
    {
        Assert.Throws<InvalidTrialConfigException>(() => Trainers.Synthetic.Train(Configs.Mlp() with { ValSplit = 0.0001 }));
    }

    [Fact]
    public void TrainEpoch_WhenLibtorchRejectsTheShapes_ThrowsWithTheLibtorchMessage()
    {
        // 12×12 images flatten to 144 features, but the first layer expects 100.
        var architecture = new Architecture(
            new ImageShape(1, 12, 12), 10, [LayerSpec.Flatten(), LayerSpec.Dense(100, 10)]);
        using var session = TrainingSession.Create(architecture, WeightInitializer.Default, 1, new OptimizerSettings(OptimizerKind.Sgd, 0.1, 0));

        var error = Assert.Throws<NativeTrainingException>(() => session.TrainEpoch(SyntheticData.Data.Train, 32));

        Assert.Equal(NativeStatus.TorchError, error.Status);
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithInvalidLayer_ThrowsTheBridgesMessage()
    {
        var architecture = new Architecture(ImageShape.Mnist, 10, [LayerSpec.Flatten(), LayerSpec.Dense(784, 0)]);

        var error = Assert.Throws<NativeTrainingException>(() =>
            TrainingSession.Create(architecture, WeightInitializer.Default, 1, new OptimizerSettings(OptimizerKind.Adam, 0.1, 0)));

        Assert.Equal(NativeStatus.InvalidArgument, error.Status);
        Assert.Equal("layer 1: outputs must be positive, got 0", error.Message);
    }

    [Fact]
    public void Train_OnCudaWhereThereIsNone_ThrowsCudaIsNotAvailable()
    {
        if (NativeRuntime.IsCudaAvailable())
        {
            return; // the message under test only exists without CUDA
        }

        var trainer = new TrialTrainer(SyntheticData.Source, Trainers.Options with { Device = TrainingDevice.Cuda });

        var error = Assert.Throws<NativeTrainingException>(() => trainer.Train(Configs.Mlp()));

        Assert.Equal("CUDA was requested but is not available", error.Message);
    }
}
