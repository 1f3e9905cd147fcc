namespace GridSearch.Core.Vocabulary;

/// <summary>
/// The vocabulary: every hyperparameter a search definition may name, written once, with its default
/// and allowed values. The order here is the grid's expansion order (first axis varies slowest) and
/// the order every table shows the axes in, so reordering keys in a definition reorders nothing.
/// The API publishes this list (GET /api/axes); the dashboard and the CLI read it from there.
/// </summary>
public static class AxisCatalog
{
    /// <summary>Training images in both datasets, before the validation split.</summary>
    public const int TrainingImages = 60_000;

    /// <summary>2×2 pooling per block halves 28 px; past 4 blocks nothing is left to pool.</summary>
    public const int MaxConvLayers = 4;

    public static readonly IReadOnlyList<Axis> All =
    [
        new("depth", AxisKind.Integer, 2, "Hidden layers of an MLP.", Min: 1, Max: 32, OnlyFor: ModelFamily.Mlp),
        new("width", AxisKind.Integer, 128, "Units of the first hidden layer; the shape sets the others.", Min: 1, Max: 65_536, OnlyFor: ModelFamily.Mlp),
        new("shape", AxisKind.Choice, LayerShape.Brick, "How widths change with depth: brick (all equal), funnel (linear decrease), triangle (halving), diamond (widening to the middle, then narrowing).", EnumType: typeof(LayerShape), OnlyFor: ModelFamily.Mlp),
        new("architecture", AxisKind.Widths, null, "Explicit hidden widths, e.g. [512, 256]; replaces depth, width and shape.", Min: 1, Max: 65_536, OnlyFor: ModelFamily.Mlp),
        new("convLayers", AxisKind.Integer, 2, "Convolution blocks (conv, batch norm, activation, 2×2 max pool, dropout).", Min: 1, Max: MaxConvLayers, OnlyFor: ModelFamily.Cnn),
        new("filters", AxisKind.Integer, 32, "Filters of the first block; each further block doubles them.", Min: 1, Max: 1024, OnlyFor: ModelFamily.Cnn),
        new("kernelSize", AxisKind.Integer, 3, "Side of the square convolution kernel ('same' padding), odd.", Min: 1, Max: 9, OnlyFor: ModelFamily.Cnn),
        new("denseUnits", AxisKind.Integer, 128, "Units of the dense layer after the convolutions; 0 for none.", Min: 0, Max: 65_536, OnlyFor: ModelFamily.Cnn),
        new("activation", AxisKind.Activation, ActivationFunction.Relu, "Activation of every hidden layer, or a list with one per layer.", EnumType: typeof(ActivationFunction)),
        new("batchNorm", AxisKind.Boolean, false, "Batch normalisation after each hidden layer or convolution."),
        new("dropout", AxisKind.Number, 0.0, "Dropout after each hidden layer (or conv block).", Min: 0, Max: 1, MaxExclusive: true),
        new("initializer", AxisKind.Choice, WeightInitializer.Default, "Weight initialisation; biases start at zero for the named ones.", EnumType: typeof(WeightInitializer)),
        new("optimizer", AxisKind.Choice, Optimizer.Adam, "Optimizer (momentum and nesterov use momentum 0.9).", EnumType: typeof(Optimizer)),
        new("learningRate", AxisKind.Number, 0.001, "Initial learning rate.", Min: 0, MinExclusive: true, Max: 10),
        new("weightDecay", AxisKind.Number, 0.0, "L2 weight decay.", Min: 0, Max: 1),
        new("batchSize", AxisKind.Integer, 128, "Samples per training batch.", Min: 1, Max: 60_000),
        new("epochs", AxisKind.Integer, 5, "Maximum training epochs.", Min: 1, Max: 1000),
        new("valSplit", AxisKind.Number, 0.1, "Share of the training images held out for validation (stratified, seeded).", Min: 0, Max: 1, MinExclusive: true, MaxExclusive: true),
        new("trainSize", AxisKind.Integer, 0, "Training samples to use after the split (stratified, seeded); absent means all of them.", Min: 1, Max: TrainingImages, DefaultLabel: "all"),
        new("patience", AxisKind.Integer, 0, "Early stopping: epochs without improvement before stopping; 0 turns it off.", Min: 0, Max: 1000),
        new("minDelta", AxisKind.Number, 0.0, "Early stopping: the least change that counts as an improvement.", Min: 0),
        new("monitor", AxisKind.Choice, MonitoredMetric.ValLoss, "What early stopping and the plateau schedule watch.", EnumType: typeof(MonitoredMetric)),
        new("lrSchedule", AxisKind.Choice, LearningRateScheduleKind.Constant, "Learning-rate schedule.", EnumType: typeof(LearningRateScheduleKind)),
        new("lrFactor", AxisKind.Number, 0.5, "Multiplier of the step, exponential and plateau schedules.", Min: 0, Max: 1, MinExclusive: true),
        new("lrStep", AxisKind.Integer, 5, "Epochs between steps (step), or without improvement before a cut (plateau).", Min: 1, Max: 1000),
        new("lrMin", AxisKind.Number, 0.0, "Floor of the cosine and plateau schedules.", Min: 0),
        new("augment", AxisKind.Choice, AugmentationKind.None, "Training-batch augmentation: small shifts, or shifts and rotations.", EnumType: typeof(AugmentationKind)),
    ];

    private static readonly Dictionary<string, Axis> ByName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> Orders = All.Select((a, i) => (a.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

    public static bool TryGet(string name, out Axis axis) => ByName.TryGetValue(name, out axis!);

    public static Axis Get(string name) => ByName[name];

    /// <summary>An axis's place in <see cref="All"/>; unknown names sort last.</summary>
    public static int OrderOf(string name) => Orders.GetValueOrDefault(name, int.MaxValue);
}
