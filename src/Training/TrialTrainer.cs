using System.Collections.Concurrent;
using System.Diagnostics;
using GridSearch.Domain.CrossValidation;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Training;

/// <summary>
/// Trains one trial from its config: a seeded stratified validation split (and training subset) of
/// the dataset's training images, the network the config describes, the epoch loop with its learning
/// rate schedule, early stopping, divergence and cancellation, then the test evaluation.
/// <para>
/// Early stopping (patience &gt; 0) restores the best epoch's weights before the test evaluation, unless the
/// config asks for the last epoch's (<see cref="TestedWeights.LastEpoch"/>, Keras' default); without early
/// stopping the last epoch's weights are tested. <see cref="TrialResult.BestEpoch"/> and the
/// result's validation metrics name the epoch whose weights were tested (0 and null when no epoch ran).
/// A NaN or infinite training or validation loss ends training as diverged.
/// </para>
/// <para>
/// A trainer holds no per-trial state (only the validation splits it computed, which trials of the same
/// dataset, fractions and seed share): one instance may train several trials one after another or, on
/// CPU, at once on different threads (each trial draws from its own generator).
/// </para>
/// </summary>
public sealed class TrialTrainer
{
    // Splits are pure functions of the labels, the fractions and the seed, and a search's trials mostly share
    // one: computed once per trainer, not per trial. A handful of entries; cleared when it fills up.
    private const int SplitsKept = 16;

    private readonly ITrainingDataSource data;
    private readonly TrainerOptions options;
    private readonly ConcurrentDictionary<(Dataset, double, int, long, int?, int?), DataSplit> splits = new();

    public TrialTrainer(ITrainingDataSource data, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.data = data;
        this.options = options ?? new TrainerOptions();
    }

    /// <summary>A trainer over <see cref="IdxDataSource.FromEnvironment"/> ($GRIDSEARCH_DATA or the checkout's data/).</summary>
    public static TrialTrainer FromEnvironment(TrainerOptions? options = null) => new(IdxDataSource.FromEnvironment(), options);

    /// <summary>
    /// Trains <paramref name="config"/> to the end. <paramref name="onEpoch"/> sees each epoch as it
    /// finishes (its <see cref="Epoch.TrialId"/> is left 0 for the caller); <paramref name="shouldStop"/>
    /// and <paramref name="cancellationToken"/> are checked before every epoch: a reason from the first
    /// (<see cref="StopReason.Cancelled"/>, <see cref="StopReason.Pruned"/>, ...) or a cancelled token
    /// (<see cref="StopReason.Cancelled"/>) ends training with that stop reason, still with a test
    /// evaluation of the weights so far.
    /// </summary>
    /// <exception cref="InvalidTrialConfigException">The config cannot be trained; nothing was.</exception>
    /// <exception cref="NativeTrainingException">libtorch failed.</exception>
    public TrainingOutcome Train(
        TrialConfig config,
        Action<Epoch>? onEpoch = null,
        Func<string?>? shouldStop = null,
        CancellationToken cancellationToken = default) =>
        TrainFrom(config, resumeFrom: null, onEpoch is null ? null : (epoch, _) => onEpoch(epoch), shouldStop, cancellationToken);

    /// <summary>
    /// Trains <paramref name="config"/> as the other overload does, from <paramref name="resumeFrom"/> when
    /// given (a checkpoint of this config: training goes on with its next epoch, and its epochs are not seen
    /// again), and hands <paramref name="onEpoch"/> each new epoch with a way to take the checkpoint at its
    /// end: called during the callback, it copies the whole training state (megabytes for a large network),
    /// so the caller decides which epochs are worth one. It is null for an epoch that ends training early
    /// (diverged, early-stopped): resuming from the one before repeats that epoch and its decision.
    /// Resumed, a trial gives exactly the metrics it gives uninterrupted (on CPU, with the same threads).
    /// </summary>
    /// <exception cref="InvalidTrialConfigException">The config cannot be trained; nothing was.</exception>
    /// <exception cref="NativeTrainingException">libtorch failed, or the checkpoint belongs to another architecture.</exception>
    public TrainingOutcome Train(
        TrialConfig config,
        TrainingCheckpoint? resumeFrom,
        Action<Epoch, Func<TrainingCheckpoint>?> onEpoch,
        Func<string?>? shouldStop = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEpoch);
        return TrainFrom(config, resumeFrom, onEpoch, shouldStop, cancellationToken);
    }

    /// <summary>
    /// Trains a tiny MLP and a tiny CNN one epoch each, on a few hundred generated images, with this trainer's
    /// options (device, threads), and returns their outcomes. A slot runs it before its first claim, so that what
    /// any process pays once (libtorch's thread pools, allocator and kernels, a GPU's context, the JIT of the
    /// managed path, the config's JSON) is paid while it waits for work rather than inside its first trial.
    /// Nothing is read from disk, and this trainer's cached splits are untouched (a trainer of its own runs them).
    /// </summary>
    public IReadOnlyList<TrainingOutcome> WarmUp()
    {
        using var images = new WarmUpImages();
        var trainer = new TrialTrainer(images, options);
        var mlp = TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with
        {
            HiddenLayers = [16], Shape = LayerShape.Explicit, Activations = [ActivationFunction.Relu], Epochs = 1, BatchSize = 64,
        };
        var cnn = TrialDefaults.For(Dataset.Mnist, ModelFamily.Cnn) with
        {
            ConvLayers = 1, Filters = 4, DenseUnits = 16, Activations = [ActivationFunction.Relu], Epochs = 1, BatchSize = 64,
        };
        // Through the JSON a claim brings configs in, so that path is warm too.
        return [.. new[] { mlp, cnn }.Select(config => trainer.Train(TrialConfigJson.Deserialize(TrialConfigJson.Serialize(config))))];
    }

    private TrainingOutcome TrainFrom(
        TrialConfig config,
        TrainingCheckpoint? resumeFrom,
        Action<Epoch, Func<TrainingCheckpoint>?>? onEpoch,
        Func<string?>? shouldStop,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var started = Stopwatch.GetTimestamp();
        var dataset = data.Load(config.Dataset);
        var dataLoad = Stopwatch.GetElapsedTime(started);
        var plan = TrainingPlan.Create(config, dataset.Train.Shape, dataset.Classes);
        if (resumeFrom is not null && resumeFrom.CompletedEpochs > config.Epochs)
        {
            throw new ArgumentException($"The checkpoint is of epoch {resumeFrom.CompletedEpochs}, the trial has {config.Epochs}.", nameof(resumeFrom));
        }

        var split = CachedSplit(dataset.Train, config);

        ApplyThreads();
        using var train = dataset.Train.Subset(split.Train);
        using var validation = dataset.Train.Subset(split.Validation);
        using var session = TrainingSession.Create(plan.Architecture, plan.Initializer, config.Seed, plan.Optimizer, options.Device);

        var setup = Stopwatch.GetElapsedTime(started);
        var schedule = plan.CreateSchedule();
        var stopping = plan.CreateEarlyStopping();
        var history = new List<Epoch>(config.Epochs);
        if (resumeFrom is not null)
        {
            session.LoadState(resumeFrom.NativeState);
            schedule.Restore(resumeFrom.NextLearningRate, resumeFrom.Plateau);
            stopping.Restore(resumeFrom.BestEpoch, resumeFrom.Stopping);
            history.AddRange(resumeFrom.History);
        }

        var reason = StopReason.Completed;
        for (var number = history.Count + 1; number <= config.Epochs; number++)
        {
            if ((cancellationToken.IsCancellationRequested ? StopReason.Cancelled : shouldStop?.Invoke()) is { } stop)
            {
                reason = stop;
                break;
            }

            var epoch = RunEpoch(session, plan, train, validation, number, schedule.Current);
            history.Add(epoch);

            if (!double.IsFinite(epoch.TrainLoss) || !double.IsFinite(epoch.ValLoss!.Value))
            {
                onEpoch?.Invoke(epoch, null);
                reason = StopReason.Diverged;
                break;
            }

            var monitored = plan.Monitor == MonitoredMetric.ValLoss ? epoch.ValLoss.Value : epoch.ValAccuracy!.Value;
            if (stopping.Observe(number, monitored) && stopping.Enabled)
            {
                session.Snapshot();
            }

            if (stopping.ShouldStop && number < config.Epochs)
            {
                onEpoch?.Invoke(epoch, null);
                reason = StopReason.EarlyStopped;
                break;
            }

            schedule.EndEpoch(number, monitored);
            onEpoch?.Invoke(epoch, () => new TrainingCheckpoint(
                [.. history], schedule.Current, schedule.Plateau, stopping.BestEpoch, stopping.Tracker, session.SaveState()));
        }

        var tested = history.Count;
        if (stopping.Enabled && stopping.BestEpoch > 0 && config.TestedWeights == TestedWeights.BestEpoch)
        {
            session.Restore();
            tested = stopping.BestEpoch;
        }

        ApplyThreads();
        var testStarted = Stopwatch.GetTimestamp();
        var test = session.Evaluate(dataset.Test, options.EvaluationBatchSize, withConfusionMatrix: true);
        var testTime = Stopwatch.GetElapsedTime(testStarted);
        var testedEpoch = tested > 0 ? history[tested - 1] : null;
        var result = new TrialResult(
            test.Accuracy,
            test.Loss,
            testedEpoch?.ValAccuracy,
            testedEpoch?.ValLoss,
            tested,
            reason,
            session.ParameterCount,
            test.ConfusionMatrix!);
        return new TrainingOutcome(result, history, Stopwatch.GetElapsedTime(started), session.CopyState()) { DataLoad = dataLoad, Setup = setup - dataLoad, Test = testTime };
    }

    private Epoch RunEpoch(TrainingSession session, TrainingPlan plan, ImageSet train, ImageSet validation, int number, double learningRate)
    {
        ApplyThreads();
        var started = Stopwatch.GetTimestamp();
        session.SetLearningRate(learningRate);
        var trained = session.TrainEpoch(train, plan.Config.BatchSize, plan.Augmentation);
        var validated = session.Evaluate(validation, options.EvaluationBatchSize);
        return new Epoch
        {
            Number = number,
            TrainLoss = trained.Loss,
            TrainAccuracy = trained.Accuracy,
            ValLoss = validated.Loss,
            ValAccuracy = validated.Accuracy,
            LearningRate = learningRate,
            Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
        };
    }

    private DataSplit CachedSplit(ImageSet train, TrialConfig config)
    {
        if (splits.Count >= SplitsKept)
        {
            splits.Clear();
        }

        return splits.GetOrAdd((config.Dataset, config.ValSplit, config.TrainSize, config.Seed, config.Folds, config.Fold), _ => Split(train, config));
    }

    private static DataSplit Split(ImageSet train, TrialConfig config)
    {
        try
        {
            if (FoldRules.Check(config) is { } problem)
            {
                throw new InvalidTrialConfigException(problem);
            }

            // A fold trial validates on its fold of the cross-validation instead of the valSplit holdout.
            return config is { Folds: { } folds, Fold: { } fold }
                ? StratifiedSplit.CreateFold(train.Labels, folds, fold, config.TrainSize, config.Seed)
                : StratifiedSplit.Create(train.Labels, config.ValSplit, config.TrainSize, config.Seed);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidTrialConfigException(e.Message, e);
        }
    }

    private void ApplyThreads()
    {
        if (options.Threads is { } threads)
        {
            NativeRuntime.SetThreads(threads);
        }
    }
}
