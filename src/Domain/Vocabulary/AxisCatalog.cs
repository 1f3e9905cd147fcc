namespace GridSearch.Domain.Vocabulary;

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

    public static readonly Axis Depth = new("depth", AxisKind.Integer, 2, "Hidden layers of an MLP.", Min: 1, Max: 32, OnlyFor: ModelFamily.Mlp);
    public static readonly Axis Width = new("width", AxisKind.Integer, 128, "Units of the first hidden layer; the shape sets the others.", Min: 1, Max: 65_536, OnlyFor: ModelFamily.Mlp);
    public static readonly Axis Shape = new("shape", AxisKind.Choice, LayerShape.Brick, "How widths change with depth: brick (all equal), funnel (linear decrease), triangle (halving), diamond (widening to the middle, then narrowing).", EnumType: typeof(LayerShape), OnlyFor: ModelFamily.Mlp);
    public static readonly Axis Architecture = new("architecture", AxisKind.Widths, null, "Explicit hidden widths, e.g. [512, 256]; replaces depth, width and shape.", Min: 1, Max: 65_536, OnlyFor: ModelFamily.Mlp);
    public static readonly Axis ConvLayers = new("convLayers", AxisKind.Integer, 2, "Convolution blocks (conv, batch norm, activation, 2×2 max pool, dropout).", Min: 1, Max: MaxConvLayers, OnlyFor: ModelFamily.Cnn);
    public static readonly Axis Filters = new("filters", AxisKind.Integer, 32, "Filters of the first block; each further block doubles them.", Min: 1, Max: 1024, OnlyFor: ModelFamily.Cnn);
    public static readonly Axis KernelSize = new("kernelSize", AxisKind.Integer, 3, "Side of the square convolution kernel ('same' padding), odd.", Min: 1, Max: 9, OnlyFor: ModelFamily.Cnn, Odd: true);
    public static readonly Axis PoolPadding = new("poolPadding", AxisKind.Choice, Vocabulary.PoolPadding.Valid, "How 2×2 pooling treats an odd side, as Keras' padding: valid rounds down (7 → 3), same rounds up (7 → 4).", EnumType: typeof(Vocabulary.PoolPadding), OnlyFor: ModelFamily.Cnn, AppliesWhen: AxisCondition.OddSideToPool);
    public static readonly Axis DenseUnits = new("denseUnits", AxisKind.Integer, 128, "Units of the dense layer after the convolutions; 0 for none.", Min: 0, Max: 65_536, OnlyFor: ModelFamily.Cnn);
    public static readonly Axis Activation = new("activation", AxisKind.Activation, ActivationFunction.Relu, "Activation of every hidden layer, or a list with one per layer.", EnumType: typeof(ActivationFunction));
    public static readonly Axis BatchNorm = new("batchNorm", AxisKind.Boolean, false, "Batch normalisation after each hidden layer or convolution.");
    public static readonly Axis BatchNormPosition = new("batchNormPosition", AxisKind.Choice, Vocabulary.BatchNormPosition.BeforeActivation, "Where batch normalisation sits: before the activation, or after it as Keras' Dense(activation=…) then BatchNormalization() has it.", EnumType: typeof(Vocabulary.BatchNormPosition), AppliesWhen: AxisCondition.BatchNormOn);
    public static readonly Axis Dropout = new("dropout", AxisKind.Number, 0.0, "Dropout after each hidden layer (or conv block).", Min: 0, Max: 1, MaxExclusive: true);
    public static readonly Axis Initializer = new("initializer", AxisKind.Choice, WeightInitializer.Default, "Weight initialisation; biases start at zero for the named ones.", EnumType: typeof(WeightInitializer));
    public static readonly Axis Optimizer = new("optimizer", AxisKind.Choice, Vocabulary.Optimizer.Adam, "Optimizer (momentum and nesterov use momentum 0.9).", EnumType: typeof(Vocabulary.Optimizer));
    public static readonly Axis LearningRate = new("learningRate", AxisKind.Number, 0.001, "Initial learning rate.", Min: 0, MinExclusive: true, Max: 10);
    public static readonly Axis WeightDecay = new("weightDecay", AxisKind.Number, 0.0, "L2 weight decay.", Min: 0, Max: 1);
    public static readonly Axis BatchSize = new("batchSize", AxisKind.Integer, 128, "Samples per training batch.", Min: 1, Max: 60_000);
    public static readonly Axis Epochs = new("epochs", AxisKind.Integer, 5, "Maximum training epochs.", Min: 1, Max: 1000);
    public static readonly Axis ValSplit = new("valSplit", AxisKind.Number, 0.1, "Share of the training images held out for validation (stratified, seeded).", Min: 0, Max: 1, MinExclusive: true, MaxExclusive: true);
    public static readonly Axis TrainSize = new("trainSize", AxisKind.Integer, 0, "Training samples to use after the split (stratified, seeded); absent means all of them.", Min: 1, Max: TrainingImages, DefaultLabel: "all");
    public static readonly Axis Patience = new("patience", AxisKind.Integer, 0, "Early stopping: epochs without improvement before stopping; 0 turns it off.", Min: 0, Max: 1000);
    public static readonly Axis TestedWeights = new("testedWeights", AxisKind.Choice, Vocabulary.TestedWeights.BestEpoch, "Early stopping: test (and keep) the best epoch's weights, or the last epoch's, as Keras' EarlyStopping does unless told to restore the best.", EnumType: typeof(Vocabulary.TestedWeights), AppliesWhen: AxisCondition.EarlyStopping);
    public static readonly Axis MinDelta = new("minDelta", AxisKind.Number, 0.0, "Early stopping: the least change that counts as an improvement.", Min: 0, AppliesWhen: AxisCondition.EarlyStoppingOrPlateau);
    public static readonly Axis Monitor = new("monitor", AxisKind.Choice, MonitoredMetric.ValLoss, "What early stopping and the plateau schedule watch.", EnumType: typeof(MonitoredMetric), AppliesWhen: AxisCondition.EarlyStoppingOrPlateau);
    public static readonly Axis LrSchedule = new("lrSchedule", AxisKind.Choice, LearningRateScheduleKind.Constant, "Learning-rate schedule.", EnumType: typeof(LearningRateScheduleKind));
    public static readonly Axis LrFactor = new("lrFactor", AxisKind.Number, 0.5, "Multiplier of the step, exponential and plateau schedules.", Min: 0, Max: 1, MinExclusive: true, AppliesWhen: AxisCondition.Schedules(LearningRateScheduleKind.Step, LearningRateScheduleKind.Exponential, LearningRateScheduleKind.Plateau));
    public static readonly Axis LrStep = new("lrStep", AxisKind.Integer, 5, "Epochs between steps (step), or without improvement before a cut (plateau).", Min: 1, Max: 1000, AppliesWhen: AxisCondition.Schedules(LearningRateScheduleKind.Step, LearningRateScheduleKind.Plateau));
    public static readonly Axis LrMin = new("lrMin", AxisKind.Number, 0.0, "Floor of the cosine and plateau schedules.", Min: 0, AppliesWhen: AxisCondition.Schedules(LearningRateScheduleKind.Cosine, LearningRateScheduleKind.Plateau));
    public static readonly Axis Augment = new("augment", AxisKind.Choice, AugmentationKind.None, "Training-batch augmentation: small shifts, or shifts and rotations.", EnumType: typeof(AugmentationKind));

    /// <summary>Every axis, in display and grid order.</summary>
    public static readonly IReadOnlyList<Axis> All =
    [
        Depth,
        Width,
        Shape,
        Architecture,
        ConvLayers,
        Filters,
        KernelSize,
        PoolPadding,
        DenseUnits,
        Activation,
        BatchNorm,
        BatchNormPosition,
        Dropout,
        Initializer,
        Optimizer,
        LearningRate,
        WeightDecay,
        BatchSize,
        Epochs,
        ValSplit,
        TrainSize,
        Patience,
        TestedWeights,
        MinDelta,
        Monitor,
        LrSchedule,
        LrFactor,
        LrStep,
        LrMin,
        Augment,
    ];

    private static readonly Dictionary<string, Axis> ByName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> Orders = All.Select((a, i) => (a.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

    public static bool TryGet(string name, out Axis axis) => ByName.TryGetValue(name, out axis!);

    /// <summary>An axis's place in <see cref="All"/>; unknown names sort last.</summary>
    public static int OrderOf(string name) => Orders.GetValueOrDefault(name, int.MaxValue);
}
