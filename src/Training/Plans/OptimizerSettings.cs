using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Plans;

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

    /// <summary>What the bridge runs for the optimizer a trial names.</summary>
    public static OptimizerSettings For(Optimizer optimizer, double learningRate, double weightDecay) => optimizer switch
    {
        Optimizer.Sgd => new(OptimizerKind.Sgd, learningRate, weightDecay),
        Optimizer.Momentum => new(OptimizerKind.Sgd, learningRate, weightDecay, ClassicMomentum),
        Optimizer.Nesterov => new(OptimizerKind.Sgd, learningRate, weightDecay, ClassicMomentum, Nesterov: true),
        Optimizer.Adam => new(OptimizerKind.Adam, learningRate, weightDecay),
        Optimizer.AdamW => new(OptimizerKind.AdamW, learningRate, weightDecay),
        Optimizer.AmsGrad => new(OptimizerKind.Adam, learningRate, weightDecay, AmsGrad: true),
        Optimizer.RmsProp => new(OptimizerKind.RmsProp, learningRate, weightDecay),
        Optimizer.Adagrad => new(OptimizerKind.Adagrad, learningRate, weightDecay),
        _ => throw new InvalidTrialConfigException(InvalidTrialConfigException.NotOneOf("optimizer", optimizer)),
    };
}
