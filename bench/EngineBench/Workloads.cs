using GridSearch.Core.Training;
using GridSearch.Core.Trials;

namespace GridSearch.EngineBench;

/// <summary>The networks timed against bench/native_loop, which builds the same two.</summary>
internal static class Workloads
{
    /// <summary>784-256-256-10 with ReLU, from the engine's own architecture builder.</summary>
    public static Architecture Mlp() => ArchitectureBuilder.Build(
        new TrialConfig
        {
            Dataset = "mnist",
            Model = "mlp",
            Seed = 1,
            HiddenLayers = [256, 256],
            Shape = "explicit",
            Activations = ["relu"],
            Dropout = 0,
            BatchNorm = false,
            Initializer = "default",
            ConvLayers = 0,
            Filters = 0,
            KernelSize = 0,
            DenseUnits = 0,
            Optimizer = "adam",
            LearningRate = 1e-3,
            WeightDecay = 0,
            BatchSize = 128,
            Epochs = 1,
            ValSplit = 0.1,
            TrainSize = 0,
            Patience = 0,
            MinDelta = 0,
            Monitor = "val_loss",
            LrSchedule = "constant",
            LrFactor = 0.5,
            LrStep = 1,
            LrMin = 0,
            Augment = "none",
        },
        ImageShape.Mnist,
        10);

    /// <summary>The Keras MNIST tutorial's CNN without dropout: valid 3×3 convolutions 32 and 64, one
    /// 2×2 pool, dense 128, dense 10. The architecture builder pools every block, so it is listed here.</summary>
    public static Architecture Cnn() => new(
        ImageShape.Mnist,
        10,
        [
            LayerSpec.Conv2d(1, 32, 3, 0), LayerSpec.Activate(ActivationFunction.Relu),
            LayerSpec.Conv2d(32, 64, 3, 0), LayerSpec.Activate(ActivationFunction.Relu),
            LayerSpec.MaxPool2(), LayerSpec.Flatten(),
            LayerSpec.Dense(64 * 12 * 12, 128), LayerSpec.Activate(ActivationFunction.Relu),
            LayerSpec.Dense(128, 10),
        ]);

    /// <summary>The seed project's best MLP on full MNIST: 600 then 200 ReLU units, Adam, batch 64,
    /// 10% validation, early stopping on validation accuracy (validation loss bottoms out around epoch 3,
    /// well before accuracy stops rising), Keras's default initialisation.</summary>
    public static TrialConfig BestMlp(int epochs, int patience, string monitor, string schedule) => new()
    {
        Dataset = "mnist",
        Model = "mlp",
        Seed = 42,
        HiddenLayers = [600, 200],
        Shape = "explicit",
        Activations = ["relu"],
        Dropout = 0,
        BatchNorm = false,
        Initializer = "glorot_uniform",
        ConvLayers = 0,
        Filters = 0,
        KernelSize = 0,
        DenseUnits = 0,
        Optimizer = "adam",
        LearningRate = 1e-3,
        WeightDecay = 0,
        BatchSize = 64,
        Epochs = epochs,
        ValSplit = 0.1,
        TrainSize = 0,
        Patience = patience,
        MinDelta = 0,
        Monitor = monitor,
        LrSchedule = schedule,
        LrFactor = 0.5,
        LrStep = 1,
        LrMin = 0,
        Augment = "none",
    };
}
