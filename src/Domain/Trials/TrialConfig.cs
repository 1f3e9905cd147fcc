using System.Text.Json.Serialization;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Trials;

/// <summary>
/// The fully resolved hyperparameters of one trial: every value the trainer reads is here,
/// nothing is left to a default at training time. Stored as JSON (<see cref="TrialConfigJson"/>: enums
/// as their snake_case names) next to its <see cref="ConfigHash"/>.
/// </summary>
public sealed record TrialConfig
{
    public required Dataset Dataset { get; init; }
    public required ModelFamily Model { get; init; }
    public required long Seed { get; init; }

    /// <summary>Widths of the hidden dense layers (MLP), after depth/width/shape or an explicit architecture.</summary>
    public required IReadOnlyList<int> HiddenLayers { get; init; }
    public required LayerShape Shape { get; init; }
    /// <summary>One activation per hidden layer (MLP) or per conv block then dense layer (CNN).</summary>
    public required IReadOnlyList<ActivationFunction> Activations { get; init; }
    public required double Dropout { get; init; }
    public required bool BatchNorm { get; init; }
    public required WeightInitializer Initializer { get; init; }

    public required int ConvLayers { get; init; }
    public required int Filters { get; init; }
    public required int KernelSize { get; init; }
    public required int DenseUnits { get; init; }

    public required Optimizer Optimizer { get; init; }
    public required double LearningRate { get; init; }
    public required double WeightDecay { get; init; }
    public required int BatchSize { get; init; }
    public required int Epochs { get; init; }
    public required double ValSplit { get; init; }
    /// <summary>Training samples used after the validation split; 0 means all of them.</summary>
    public required int TrainSize { get; init; }

    public required int Patience { get; init; }
    public required double MinDelta { get; init; }
    /// <summary>What early stopping and the plateau schedule watch.</summary>
    public required MonitoredMetric Monitor { get; init; }
    public required LearningRateScheduleKind LrSchedule { get; init; }
    /// <summary>Multiplier of the step, exponential and plateau schedules.</summary>
    public required double LrFactor { get; init; }
    /// <summary>Epochs between steps (step) or without improvement before a cut (plateau).</summary>
    public required int LrStep { get; init; }
    public required double LrMin { get; init; }
    public required AugmentationKind Augment { get; init; }

    /// <summary>Where batch normalisation sits (with <see cref="BatchNorm"/>); left out of the JSON (and so of the
    /// hash) when before the activation, the default, so configs from before it existed keep their hashes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public BatchNormPosition BatchNormPosition { get; init; }

    /// <summary>CNN pooling of odd sides; left out of the JSON (and so of the hash) when valid, the default,
    /// so configs from before it existed keep their hashes and cached results.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public PoolPadding PoolPadding { get; init; }

    /// <summary>Which weights an early-stopped trial is tested with; left out of the JSON (and so of the hash) at
    /// the best epoch's, the default, so configs from before it existed keep their hashes and cached results.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public TestedWeights TestedWeights { get; init; }

    /// <summary>Cross-validation (<see cref="CrossValidation.FoldRules"/>): the fold this trial validates on,
    /// 0-based; null for an ordinary trial, whose JSON (and so its hash) then holds no such key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Fold { get; init; }

    /// <summary>Cross-validation: into how many folds the training images are split; null for an ordinary trial.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Folds { get; init; }

    [JsonIgnore]
    public bool IsCnn => Model == ModelFamily.Cnn;
}
