using GridSearch.Domain.Architectures;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.EngineBench;

/// <summary>The networks timed against bench/native_loop, which builds the same two.</summary>
internal static class Workloads
{
    /// <summary>The MLP 784-256-256-10 (ReLU) as a worker receives it: every other axis at its default
    /// (Adam 1e-3, batch 128, valSplit 0.1, all 54,000 remaining training images, no early stopping).</summary>
    public static TrialConfig MlpTrial(int epochs) =>
        TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp, seed: 1) with { HiddenLayers = [256, 256], Shape = LayerShape.Explicit, Epochs = epochs, LrStep = 1 };

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
    public static TrialConfig BestMlp(int epochs, int patience, MonitoredMetric monitor, LearningRateScheduleKind schedule) =>
        TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with
        {
            HiddenLayers = [600, 200],
            Shape = LayerShape.Explicit,
            Initializer = WeightInitializer.GlorotUniform,
            BatchSize = 64,
            Epochs = epochs,
            Patience = patience,
            Monitor = monitor,
            LrSchedule = schedule,
            LrStep = 1,
        };
}
