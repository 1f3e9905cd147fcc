namespace GridSearch.Core.Training;

/// <summary>The names a <see cref="Trials.TrialConfig"/> uses for activations, initializers,
/// schedules, monitors and augmentations, mapped to what the trainer runs.</summary>
public static class TrainingNames
{
    public const string Mlp = "mlp";
    public const string Cnn = "cnn";

    public static IReadOnlyDictionary<string, ActivationFunction> Activations { get; } = new Dictionary<string, ActivationFunction>(StringComparer.Ordinal)
    {
        ["relu"] = ActivationFunction.Relu,
        ["tanh"] = ActivationFunction.Tanh,
        ["sigmoid"] = ActivationFunction.Sigmoid,
        ["elu"] = ActivationFunction.Elu,
        ["leaky_relu"] = ActivationFunction.LeakyRelu,
        ["gelu"] = ActivationFunction.Gelu,
        ["selu"] = ActivationFunction.Selu,
    };

    public static IReadOnlyDictionary<string, WeightInitializer> Initializers { get; } = new Dictionary<string, WeightInitializer>(StringComparer.Ordinal)
    {
        ["default"] = WeightInitializer.Default,
        ["he_normal"] = WeightInitializer.HeNormal,
        ["he_uniform"] = WeightInitializer.HeUniform,
        ["glorot_normal"] = WeightInitializer.GlorotNormal,
        ["glorot_uniform"] = WeightInitializer.GlorotUniform,
    };

    public static IReadOnlyDictionary<string, LearningRateScheduleKind> Schedules { get; } = new Dictionary<string, LearningRateScheduleKind>(StringComparer.Ordinal)
    {
        ["constant"] = LearningRateScheduleKind.Constant,
        ["step"] = LearningRateScheduleKind.Step,
        ["exponential"] = LearningRateScheduleKind.Exponential,
        ["cosine"] = LearningRateScheduleKind.Cosine,
        ["plateau"] = LearningRateScheduleKind.Plateau,
    };

    public static IReadOnlyDictionary<string, MonitoredMetric> Monitors { get; } = new Dictionary<string, MonitoredMetric>(StringComparer.Ordinal)
    {
        ["val_loss"] = MonitoredMetric.ValLoss,
        ["val_accuracy"] = MonitoredMetric.ValAccuracy,
    };

    public static IReadOnlyDictionary<string, Augmentation> Augmentations { get; } = new Dictionary<string, Augmentation>(StringComparer.Ordinal)
    {
        ["none"] = Augmentation.None,
        ["shift"] = Augmentation.Shift,
        ["shift_rotate"] = Augmentation.ShiftRotate,
    };

    /// <summary>"'x' is not one of a, b, c" for a problem list.</summary>
    public static string Unknown(string what, string value, IEnumerable<string> known) =>
        $"{what} '{value}' is not one of {string.Join(", ", known)}";
}
