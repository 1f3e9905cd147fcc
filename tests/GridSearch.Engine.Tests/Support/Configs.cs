using GridSearch.Core.Search;
using GridSearch.Core.Trials;

namespace GridSearch.Engine.Tests.Support;

/// <summary>Small trial configs to vary with `with`: every value set, as the search resolves them.</summary>
internal static class Configs
{
    public static TrialConfig Mlp(string dataset = SyntheticData.Name, params int[] hidden) =>
        TrialDefaults.For(dataset, "mlp", seed: 7) with
        {
            HiddenLayers = hidden.Length > 0 ? hidden : [32],
            Shape = "explicit",
            Activations = ["relu"],
            LearningRate = 0.003,
            BatchSize = 32,
            Epochs = 3,
        };

    public static TrialConfig Cnn(string dataset = SyntheticData.Name) => Mlp(dataset) with
    {
        Model = "cnn",
        HiddenLayers = [],
        Shape = "none",
        ConvLayers = 2,
        Filters = 8,
        KernelSize = 3,
        DenseUnits = 32,
    };
}
