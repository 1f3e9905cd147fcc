namespace GridSearch.Core.Search;

/// <summary>
/// Every axis a search definition may name, with its default and allowed values. The order here is
/// the grid's expansion order (first axis varies slowest), so reordering keys in a definition does
/// not reorder its trials.
/// </summary>
public static class AxisCatalog
{
    public const string Mlp = "mlp";
    public const string Cnn = "cnn";

    public static readonly IReadOnlyList<string> Datasets = ["mnist", "fashion-mnist"];
    public static readonly IReadOnlyList<string> Models = [Mlp, Cnn];
    public static readonly IReadOnlyList<string> Activations = ["relu", "tanh", "sigmoid", "elu", "leaky_relu", "gelu", "selu"];
    public static readonly IReadOnlyList<string> Optimizers = ["sgd", "momentum", "nesterov", "adam", "adamw", "amsgrad", "rmsprop", "adagrad"];
    public static readonly IReadOnlyList<string> Shapes = ["brick", "funnel", "diamond", "triangle"];
    public static readonly IReadOnlyList<string> Initializers = ["default", "he_normal", "he_uniform", "glorot_normal", "glorot_uniform"];
    public static readonly IReadOnlyList<string> Schedules = ["constant", "step", "exponential", "cosine", "plateau"];
    public static readonly IReadOnlyList<string> Augmentations = ["none", "shift", "shift_rotate"];
    public static readonly IReadOnlyList<string> Monitors = ["val_loss", "val_accuracy"];

    /// <summary>Training images in both datasets, before the validation split.</summary>
    public const int TrainingImages = 60_000;

    /// <summary>2×2 pooling per block halves 28 px; past 4 blocks nothing is left to pool.</summary>
    public const int MaxConvLayers = 4;

    public static readonly IReadOnlyList<Axis> All =
    [
        new("depth", AxisKind.Integer, 2, "Hidden layers of an MLP.", Min: 1, Max: 32, OnlyFor: Mlp),
        new("width", AxisKind.Integer, 128, "Units of the first hidden layer; the shape sets the others.", Min: 1, Max: 65_536, OnlyFor: Mlp),
        new("shape", AxisKind.Choice, "brick", "How widths change with depth: brick (all equal), funnel (linear decrease), triangle (halving), diamond (widening to the middle, then narrowing).", Choices: Shapes, OnlyFor: Mlp),
        new("architecture", AxisKind.Widths, null, "Explicit hidden widths, e.g. [512, 256]; replaces depth, width and shape.", Min: 1, Max: 65_536, OnlyFor: Mlp),
        new("convLayers", AxisKind.Integer, 2, "Convolution blocks (conv, batch norm, activation, 2×2 max pool, dropout).", Min: 1, Max: MaxConvLayers, OnlyFor: Cnn),
        new("filters", AxisKind.Integer, 32, "Filters of the first block; each further block doubles them.", Min: 1, Max: 1024, OnlyFor: Cnn),
        new("kernelSize", AxisKind.Integer, 3, "Side of the square convolution kernel ('same' padding), odd.", Min: 1, Max: 9, OnlyFor: Cnn),
        new("denseUnits", AxisKind.Integer, 128, "Units of the dense layer after the convolutions; 0 for none.", Min: 0, Max: 65_536, OnlyFor: Cnn),
        new("activation", AxisKind.Activation, "relu", "Activation of every hidden layer, or a list with one per layer.", Choices: Activations),
        new("batchNorm", AxisKind.Boolean, false, "Batch normalisation after each hidden layer or convolution."),
        new("dropout", AxisKind.Number, 0.0, "Dropout after each hidden layer (or conv block).", Min: 0, Max: 1, MaxExclusive: true),
        new("initializer", AxisKind.Choice, "default", "Weight initialisation; biases start at zero for the named ones.", Choices: Initializers),
        new("optimizer", AxisKind.Choice, "adam", "Optimizer (momentum and nesterov use momentum 0.9).", Choices: Optimizers),
        new("learningRate", AxisKind.Number, 0.001, "Initial learning rate.", Min: 0, MinExclusive: true, Max: 10),
        new("weightDecay", AxisKind.Number, 0.0, "L2 weight decay.", Min: 0, Max: 1),
        new("batchSize", AxisKind.Integer, 128, "Samples per training batch.", Min: 1, Max: 60_000),
        new("epochs", AxisKind.Integer, 5, "Maximum training epochs.", Min: 1, Max: 1000),
        new("valSplit", AxisKind.Number, 0.1, "Share of the training images held out for validation (stratified, seeded).", Min: 0, Max: 1, MinExclusive: true, MaxExclusive: true),
        new("trainSize", AxisKind.Integer, 0, "Training samples to use after the split (stratified, seeded); absent means all of them.", Min: 1, Max: TrainingImages),
        new("patience", AxisKind.Integer, 0, "Early stopping: epochs without improvement before stopping; 0 turns it off.", Min: 0, Max: 1000),
        new("minDelta", AxisKind.Number, 0.0, "Early stopping: the least change that counts as an improvement.", Min: 0),
        new("monitor", AxisKind.Choice, "val_loss", "What early stopping and the plateau schedule watch.", Choices: Monitors),
        new("lrSchedule", AxisKind.Choice, "constant", "Learning-rate schedule.", Choices: Schedules),
        new("lrFactor", AxisKind.Number, 0.5, "Multiplier of the step, exponential and plateau schedules.", Min: 0, Max: 1, MinExclusive: true),
        new("lrStep", AxisKind.Integer, 5, "Epochs between steps (step), or without improvement before a cut (plateau).", Min: 1, Max: 1000),
        new("lrMin", AxisKind.Number, 0.0, "Floor of the cosine and plateau schedules.", Min: 0),
        new("augment", AxisKind.Choice, "none", "Training-batch augmentation: small shifts, or shifts and rotations.", Choices: Augmentations),
    ];

    private static readonly Dictionary<string, Axis> ByName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out Axis axis) => ByName.TryGetValue(name, out axis!);
}
