using GridSearch.Core.Trials;

namespace GridSearch.Engine.Tests.Support;

/// <summary>Small trial configs to vary with `with`: every value set, as the search resolves them.</summary>
internal static class Configs
{
    public static TrialConfig Mlp(string dataset = SyntheticData.Name, params int[] hidden) => new()
    {
        Dataset = dataset,
        Model = "mlp",
        Seed = 7,
        HiddenLayers = hidden.Length > 0 ? hidden : [32],
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
        LearningRate = 0.003,
        WeightDecay = 0,
        BatchSize = 32,
        Epochs = 3,
        ValSplit = 0.1,
        TrainSize = 0,
        Patience = 0,
        MinDelta = 0,
        Monitor = "val_loss",
        LrSchedule = "constant",
        LrFactor = 0.5,
        LrStep = 5,
        LrMin = 0,
        Augment = "none",
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
