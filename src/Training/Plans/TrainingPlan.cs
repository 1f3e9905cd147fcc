using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training.Plans;

/// <summary>
/// A <see cref="TrialConfig"/> checked and resolved into what the trainer runs. <see cref="Create"/>
/// finds every problem of a config up front, so a bad one fails before any training.
/// </summary>
public sealed record TrainingPlan(
    TrialConfig Config,
    Architecture Architecture,
    WeightInitializer Initializer,
    OptimizerSettings Optimizer,
    MonitoredMetric Monitor,
    LearningRateScheduleKind Schedule,
    Augmentation Augmentation)
{
    /// <exception cref="InvalidTrialConfigException">The config names something unknown or has sizes
    /// that cannot be trained.</exception>
    public static TrainingPlan Create(TrialConfig config, ImageShape input, int classes)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var architecture = ArchitectureBuilder.TryBuild(config, input, classes, problems);
        var initializer = Known(config.Initializer, "initializer", problems);
        var monitor = Known(config.Monitor, "monitor", problems);
        var schedule = Known(config.LrSchedule, "lrSchedule", problems);
        Known(config.Augment, "augment", problems);
        Known(config.PoolPadding, "poolPadding", problems);
        Known(config.BatchNormPosition, "batchNormPosition", problems);
        Known(config.TestedWeights, "testedWeights", problems);
        Known(config.Optimizer, "optimizer", problems);

        if (!(double.IsFinite(config.LearningRate) && config.LearningRate > 0))
        {
            problems.Add($"learningRate must be positive, got {config.LearningRate}");
        }

        if (!(config.WeightDecay >= 0 && double.IsFinite(config.WeightDecay)))
        {
            problems.Add($"weightDecay must not be negative, got {config.WeightDecay}");
        }

        Require(config.BatchSize >= 1, $"batchSize must be at least 1, got {config.BatchSize}", problems);
        Require(config.Epochs >= 1, $"epochs must be at least 1, got {config.Epochs}", problems);
        Require(config.ValSplit is > 0 and < 1, $"valSplit must lie in (0, 1), got {config.ValSplit}", problems);
        Require(config.TrainSize >= 0, $"trainSize must not be negative (0 means all), got {config.TrainSize}", problems);
        Require(config.Patience >= 0, $"patience must not be negative, got {config.Patience}", problems);
        Require(config.MinDelta >= 0, $"minDelta must not be negative, got {config.MinDelta}", problems);
        // The schedule's settings are checked where the schedule reads them (the vocabulary says which do).
        if (AxisCatalog.LrFactor.AppliesTo(config))
        {
            Require(config.LrFactor is > 0 and <= 1, $"lrFactor must lie in (0, 1], got {config.LrFactor}", problems);
        }

        if (AxisCatalog.LrStep.AppliesTo(config))
        {
            Require(config.LrStep >= 1, $"lrStep must be at least 1, got {config.LrStep}", problems);
        }

        if (AxisCatalog.LrMin.AppliesTo(config))
        {
            Require(config.LrMin >= 0 && config.LrMin <= config.LearningRate,
                $"lrMin must lie in [0, learningRate], got {config.LrMin}", problems);
        }

        if (problems.Count > 0)
        {
            throw new InvalidTrialConfigException(problems);
        }

        var optimizer = OptimizerSettings.For(config.Optimizer, config.LearningRate, config.WeightDecay);
        return new TrainingPlan(config, architecture!, initializer, optimizer, monitor, schedule, Augmentation.Of(config.Augment));
    }

    public LearningRateSchedule CreateSchedule() => new(
        Schedule, Config.LearningRate, Config.LrFactor, Config.LrStep, Config.LrMin, Config.Epochs, Monitor, Config.MinDelta);

    public EarlyStopping CreateEarlyStopping() => new(Monitor, Config.Patience, Config.MinDelta);

    /// <summary>The value, with a problem added when it is no member of its enum (a config from elsewhere).</summary>
    private static T Known<T>(T value, string what, List<string> problems)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add(InvalidTrialConfigException.NotOneOf(what, value));
        }

        return value;
    }

    private static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
