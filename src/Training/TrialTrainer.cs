using System.Diagnostics;
using GridSearch.Core.Trials;
using GridSearch.Core.Vocabulary;

namespace GridSearch.Training;

/// <summary>
/// Trains one trial from its config: a seeded stratified validation split (and training subset) of
/// the dataset's training images, the network the config describes, the epoch loop with its learning
/// rate schedule, early stopping, divergence and cancellation, then the test evaluation.
/// <para>
/// Early stopping (patience &gt; 0) restores the best epoch's weights before the test evaluation;
/// without it the last epoch's weights are tested. <see cref="TrialResult.BestEpoch"/> and the
/// result's validation metrics name the epoch whose weights were tested (0 and null when no epoch ran).
/// A NaN or infinite training or validation loss ends training as diverged.
/// </para>
/// <para>
/// A trainer holds no per-trial state: one instance may train several trials one after another or,
/// on CPU, at once on different threads (each trial draws from its own generator).
/// </para>
/// </summary>
public sealed class TrialTrainer
{
    private readonly ITrainingDataSource data;
    private readonly TrainerOptions options;

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
    /// and <paramref name="cancellationToken"/> are checked before every epoch and end training as
    /// <see cref="StopReason.Cancelled"/>, still with a test evaluation of the weights so far.
    /// </summary>
    /// <exception cref="InvalidTrialConfigException">The config cannot be trained; nothing was.</exception>
    /// <exception cref="NativeTrainingException">libtorch failed.</exception>
    public TrainingOutcome Train(
        TrialConfig config,
        Action<Epoch>? onEpoch = null,
        Func<bool>? shouldStop = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var started = Stopwatch.GetTimestamp();
        var dataset = data.Load(config.Dataset);
        var plan = TrainingPlan.Create(config, dataset.Train.Shape, dataset.Classes);
        var split = Split(dataset.Train, config);

        ApplyThreads();
        using var train = dataset.Train.Subset(split.Train);
        using var validation = dataset.Train.Subset(split.Validation);
        using var session = TrainingSession.Create(plan.Architecture, plan.Initializer, config.Seed, plan.Optimizer, options.Device);

        var schedule = plan.CreateSchedule();
        var stopping = plan.CreateEarlyStopping();
        var history = new List<Epoch>(config.Epochs);
        var reason = StopReason.Completed;
        for (var number = 1; number <= config.Epochs; number++)
        {
            if (cancellationToken.IsCancellationRequested || (shouldStop?.Invoke() ?? false))
            {
                reason = StopReason.Cancelled;
                break;
            }

            var epoch = RunEpoch(session, plan, train, validation, number, schedule.Current);
            history.Add(epoch);
            onEpoch?.Invoke(epoch);

            if (!double.IsFinite(epoch.TrainLoss) || !double.IsFinite(epoch.ValLoss!.Value))
            {
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
                reason = StopReason.EarlyStopped;
                break;
            }

            schedule.EndEpoch(number, monitored);
        }

        var tested = history.Count;
        if (stopping.Enabled && stopping.BestEpoch > 0)
        {
            session.Restore();
            tested = stopping.BestEpoch;
        }

        ApplyThreads();
        var test = session.Evaluate(dataset.Test, options.EvaluationBatchSize, withConfusionMatrix: true);
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
        return new TrainingOutcome(result, history, Stopwatch.GetElapsedTime(started), session.CopyState());
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

    private static DataSplit Split(ImageSet train, TrialConfig config)
    {
        try
        {
            return StratifiedSplit.Create(train.Labels, config.ValSplit, config.TrainSize, config.Seed);
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
