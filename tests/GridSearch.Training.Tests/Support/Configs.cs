using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Tests.Support;

/// <summary>Small trial configs to vary with `with`: every value set, as the search resolves them.
/// The synthetic source answers for any dataset, so the default one stands for it there.</summary>
internal static class Configs
{
    public static TrialConfig Mlp(Dataset dataset = Dataset.Mnist, params int[] hidden) =>
        TrialDefaults.For(dataset, ModelFamily.Mlp, seed: 7) with
        {
            HiddenLayers = hidden.Length > 0 ? hidden : [32],
            Shape = LayerShape.Explicit,
            Activations = [ActivationFunction.Relu],
            LearningRate = 0.003,
            BatchSize = 32,
            Epochs = 3,
        };

    public static TrialConfig Cnn(Dataset dataset = Dataset.Mnist) => Mlp(dataset) with
    {
        Model = ModelFamily.Cnn,
        HiddenLayers = [],
        Shape = LayerShape.None,
        ConvLayers = 2,
        Filters = 8,
        KernelSize = 3,
        DenseUnits = 32,
    };
}
