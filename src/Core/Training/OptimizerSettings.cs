namespace GridSearch.Core.Training;

/// <summary>An optimizer as the native bridge builds it (gs_optimizer_spec).</summary>
public sealed record OptimizerSettings(
    OptimizerKind Kind,
    double LearningRate,
    double WeightDecay,
    double Momentum = 0,
    bool Nesterov = false,
    bool AmsGrad = false)
{
    /// <summary>The momentum of the momentum and nesterov optimizers.</summary>
    public const double ClassicMomentum = 0.9;

    public static IReadOnlyList<string> Names { get; } =
        ["sgd", "momentum", "nesterov", "adam", "adamw", "amsgrad", "rmsprop", "adagrad"];

    /// <summary>The optimizer a trial names, or null for an unknown name.</summary>
    public static OptimizerSettings? FromName(string name, double learningRate, double weightDecay) => name switch
    {
        "sgd" => new(OptimizerKind.Sgd, learningRate, weightDecay),
        "momentum" => new(OptimizerKind.Sgd, learningRate, weightDecay, ClassicMomentum),
        "nesterov" => new(OptimizerKind.Sgd, learningRate, weightDecay, ClassicMomentum, Nesterov: true),
        "adam" => new(OptimizerKind.Adam, learningRate, weightDecay),
        "adamw" => new(OptimizerKind.AdamW, learningRate, weightDecay),
        "amsgrad" => new(OptimizerKind.Adam, learningRate, weightDecay, AmsGrad: true),
        "rmsprop" => new(OptimizerKind.RmsProp, learningRate, weightDecay),
        "adagrad" => new(OptimizerKind.Adagrad, learningRate, weightDecay),
        _ => null,
    };
}
