using System.Diagnostics;
using GridSearch.Core.CrossValidation;
using GridSearch.Core.Models;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;
using GridSearch.Core.Workers;
using GridSearch.Domain.CrossValidation;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Machines;
using GridSearch.Domain.Models;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training;
using GridSearch.Worker.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridSearch.Worker.Execution;

/// <summary>
/// One slot: warms up once (<see cref="WarmUpAsync"/>), then claims a trial, applies its search's limits,
/// trains it while heartbeating its lease (from the checkpoint an earlier attempt left, if any), writes each
/// epoch as it ends, while the next one trains (with a checkpoint when one is due: <see cref="CheckpointCadence"/>,
/// <see cref="EpochWriter"/>), reviews it against the search's target, time limit and pruner
/// (<see cref="EpochReview"/>), and records the outcome; then the next. It trains one trial at a time, so
/// libtorch's process-wide generator and thread pools are this trial's alone. When the host stops (SIGTERM),
/// the trial in hand goes back to the queue at once.
/// </summary>
public sealed class SlotWorker(
    TrialQueue queue, QueueNotifications notifications, QueueWarmUp queueWarmUp, EpochStandingQuery standings, TrialTrainer trainer,
    WorkerRegistry workers, IOptions<WorkerOptions> options, IOptions<QueueOptions> queueOptions, ILogger<SlotWorker> logger)
    : BackgroundService
{
    private readonly string identity = $"{Environment.MachineName}/{Environment.ProcessId}/{EnumNames.Of(options.Value.Device)}";
    private readonly TimeSpan leaseDuration = queueOptions.Value.LeaseDuration;
    private readonly TimeSpan pollInterval = options.Value.PollInterval;

    /// <summary>How every attempt whose lease moved on says so, once, whichever write found out (a heartbeat or
    /// an epoch, or the outcome itself, when the trial was rescued after its last epoch was written).</summary>
    private const string LostLease = "lost its lease: its result is dropped, another attempt has the trial";

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await WarmUpAsync(stopping);
        // Each claim records this engine version on the trial, so the result cache reuses only results of this engine,
        // and this machine, so each result says where it was trained.
        var machine = DescribeMachine();
        logger.LogInformation("Ready as {Identity}, {Threads} thread(s) per trial, engine version {EngineVersion}", identity, options.Value.ThreadsPerTrial, EngineVersion.Current);
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Disposing the lease hands the trial back unless its outcome was recorded.
                await using var lease = await queue.ClaimAsync(identity, machine, stopping);
                failures = 0;
                if (lease is null)
                {
                    await notifications.WaitForWorkAsync(pollInterval, stopping);
                    continue;
                }

                var recorded = await RunTrialAsync(lease, stopping);
                await ShowRunningAsync(null, recorded, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // The database went away or is out of connections: the lease protects the trial; try again with
                // backoff, soon enough to be back within seconds of it answering.
                var delay = DatabaseOutage.ReconnectDelay(++failures);
                if (failures == 1)
                {
                    logger.LogWarning("Queue unavailable ({Error}); retrying with backoff, every {Seconds} s at most", e.GetBaseException().Message, DatabaseOutage.MaxReconnectDelay.TotalSeconds);
                }

                await Task.Delay(delay, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        logger.LogInformation("Stopped");
    }

    /// <summary>Pays what a process pays once (libtorch's first use, the JIT, the database connection) before
    /// the first claim, so the first trial costs what the others do (<see cref="TrialTrainer.WarmUp"/>,
    /// <see cref="QueueWarmUp"/>). A failure is only logged: the trial that meets the same fault
    /// reports it as its own.</summary>
    private async Task WarmUpAsync(CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // On its own thread, like training: libtorch blocks it.
            await Task.Factory.StartNew(
                () =>
                {
                    foreach (var outcome in trainer.WarmUp())
                    {
                        // The completion's path: the weights as they are stored.
                        _ = StoredModel.From(outcome.State);
                    }
                },
                stopping,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            // After the training, which needs no database: a database down at the start skips only this.
            await queueWarmUp.WarmUpAsync(stopping);
            logger.LogInformation("Warmed up in {Milliseconds:F0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Warm-up failed; the first trial will pay what it would have paid: {Error}", e.Message);
        }
    }

    /// <summary>This slot's machine, described once: nothing in it changes while the process runs. Null when
    /// libtorch cannot say (the trials then record none): the trial that meets the same fault reports it.</summary>
    private TrialMachine? DescribeMachine()
    {
        try
        {
            var machine = MachineDescription.Describe(DeviceChoice.Resolve(options.Value.Device), options.Value.ThreadsPerTrial);
            logger.LogInformation(
                "Training on {CpuModel} ({CpuCapability} kernels), libtorch {TorchVersion}, BLAS {Blas}",
                machine.CpuModel, machine.CpuCapability, machine.TorchVersion, machine.BlasLibrary ?? machine.Blas);
            return machine;
        }
        catch (Exception e) when (e is Training.Native.NativeTrainingException or DllNotFoundException or EntryPointNotFoundException or IOException)
        {
            logger.LogWarning("Could not describe this machine; its trials record none: {Error}", e.Message);
            return null;
        }
    }

    /// <summary>Runs the trial; true when its outcome (succeeded or cancelled) was recorded.</summary>
    private async Task<bool> RunTrialAsync(TrialLease lease, CancellationToken stopping)
    {
        // Shutdown (SIGTERM) hands the trial back at once, from the callback, rather than after the epoch
        // in progress; the epochs since the last checkpoint are dropped, and the next free slot resumes after it.
        // If shutdown began before this line, the callback runs right here, and the trial is not started.
        await using var handBackOnStop = stopping.Register(() => _ = lease.HandBackAsync());
        SearchRules rules;
        DateTimeOffset? deadline = null;
        try
        {
            stopping.ThrowIfCancellationRequested();
            // The search's limits and pruner came with the claim; a limit may end the trial before it starts (it never ran).
            rules = lease.Rules;
            if (rules.Limits.CheckedAtClaim)
            {
                var check = await queue.CheckLimitsAtClaimAsync(lease, rules.Limits, stopping);
                if (check.Cancelled)
                {
                    logger.LogInformation("Trial {TrialId} not started: its search {SearchId} reached a limit", lease.TrialId, lease.SearchId);
                    return false;
                }

                deadline = check.Deadline;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Shutting down: trial {TrialId} handed back to the queue before it started", lease.TrialId);
            throw;
        }

        logger.LogInformation("Trial {TrialId} started: search {SearchId}, config {ConfigHash}, attempt {Attempt}", lease.TrialId, lease.SearchId, lease.ConfigHash, lease.Attempt);
        using var heartbeat = new LeaseHeartbeat(queue, lease, leaseDuration / 3, logger);
        heartbeat.Start();
        try
        {
            // Inside the try: a shutdown that lands here hands the trial back like one during training.
            var config = TrialConfigJson.Deserialize(lease.ConfigJson);
            var review = new EpochReview(queue, standings, lease, FoldRules.RulesFor(config, rules), deadline, config.Epochs, logger);
            var resumeFrom = await LoadCheckpointAsync(lease, stopping);
            var cadence = new CheckpointCadence(options.Value.CheckpointInterval, config.Epochs);
            var epochs = new EpochWriter(queue, lease, heartbeat, logger, stopping);
            // libtorch blocks its thread for a whole epoch; keep it off the thread pool the heartbeat needs.
            var training = Task.Factory.StartNew(
                () => trainer.Train(
                    config,
                    resumeFrom,
                    onEpoch: (epoch, takeCheckpoint) =>
                    {
                        var checkpoint = takeCheckpoint is not null && cadence.Due(epoch) ? takeCheckpoint() : null;
                        epochs.Write(epoch, checkpoint);
                        review.AfterEpoch(epoch);
                    },
                    shouldStop: () => heartbeat.CancelRequested || heartbeat.LeaseLost ? StopReason.Cancelled
                        : heartbeat.StopRequested ? StopReason.Limit
                        : review.StopReason),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            // Only for people to see, so it is written while the trial starts rather than before it.
            await ShowRunningAsync(lease.TrialId, recorded: false, stopping);
            // On shutdown stop waiting: the trial is handed back, and the process need not wait for the epoch.
            // (The trainer is not told to stop: a shutdown must never read as the user's cancel.)
            var outcome = await training.WaitAsync(stopping);

            // The lease is renewed until the last epoch is written.
            await epochs.FlushAsync().WaitAsync(stopping);
            await heartbeat.StopAsync();
            if (heartbeat.LeaseLost)
            {
                logger.LogWarning("Trial {TrialId} " + LostLease, lease.TrialId);
                return false;
            }

            var result = outcome.Result;
            var recorded = await ThroughOutage.WriteAsync(
                () => result.StopReason == StopReason.Cancelled
                    ? queue.ConfirmCancelledAsync(lease, CancellationToken.None)
                    : queue.CompleteAsync(lease, result, KeptModel(config, outcome), CancellationToken.None),
                lease.TrialId,
                logger,
                stopping);
            logger.LogInformation(
                "Trial {TrialId} ended {StopReason}: config {ConfigHash}, test accuracy {TestAccuracy:F4}, test loss {TestLoss:F4}, "
                + "{Epochs} epochs in {Seconds:F1} s (data load {DataMs:F0} ms, setup {SetupMs:F0} ms, test pass {TestMs:F0} ms){Fenced}",
                lease.TrialId, result.StopReason, lease.ConfigHash, result.TestAccuracy, result.TestLoss, outcome.History.Count, outcome.Duration.TotalSeconds,
                outcome.DataLoad.TotalMilliseconds, outcome.Setup.TotalMilliseconds, outcome.Test.TotalMilliseconds,
                recorded ? "" : " (not recorded: it " + LostLease + ")");
            return recorded;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await heartbeat.StopAsync();
            var handedBack = await lease.HandBackAsync();
            logger.LogInformation("Shutting down: trial {TrialId} handed back to the queue{Released}", lease.TrialId, handedBack ? "" : " (its lease had already moved on)");
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any exception fails this attempt with its message: retried with backoff, then failed for good.
            await heartbeat.StopAsync();
            var retried = await ThroughOutage.WriteAsync(() => queue.FailAsync(lease, e.Message, CancellationToken.None), lease.TrialId, logger, stopping);
            logger.LogError(
                "Trial {TrialId} failed on attempt {Attempt}: config {ConfigHash}: {Error}{Recorded}",
                lease.TrialId, lease.Attempt, lease.ConfigHash, e.Message, retried ? "" : " (not recorded: it " + LostLease + ")");
            return false;
        }
    }

    /// <summary>Tells the Workers page what this slot runs now, and whether the trial before was recorded.
    /// Only for people to see: a failure is logged, never passed on to the trial.</summary>
    private async Task ShowRunningAsync(long? trialId, bool recorded, CancellationToken stopping)
    {
        if (options.Value is not { WorkerId: { } workerId, Slot: { } slot })
        {
            return;
        }

        try
        {
            await workers.SlotAsync(workerId, slot, trialId, recorded, stopping);
        }
        catch (NpgsqlException e)
        {
            logger.Log(
                DatabaseOutage.Caused(e) ? LogLevel.Debug : LogLevel.Warning,
                "Could not show slot {Slot}'s trial on the Workers page: {Error}", slot, e.GetBaseException().Message);
        }
    }

    /// <summary>The weights the test metrics were measured on; none for a diverged trial, whose weights are not
    /// numbers, nor for a cross-validation fold, which measures its config, trained on part of the images.</summary>
    private static StoredModel? KeptModel(TrialConfig config, TrainingOutcome outcome) =>
        outcome.Result.StopReason == StopReason.Diverged || config.Folds is not null ? null : StoredModel.From(outcome.State);

    /// <summary>The training state an earlier attempt left at its last finished epoch (its worker died, or
    /// handed the trial back on shutdown), or null to start at epoch 1. A checkpoint this engine cannot read
    /// (another version wrote it) is set aside: the trial starts over, rewriting its epochs.</summary>
    private async Task<TrainingCheckpoint?> LoadCheckpointAsync(TrialLease lease, CancellationToken stopping)
    {
        // The claim said whether there is one; most trials start at epoch 1 and skip the round trip.
        var stored = lease.CheckpointEpoch is null ? null : await queue.LoadCheckpointAsync(lease, stopping);
        if (stored is null)
        {
            return null;
        }

        try
        {
            var checkpoint = TrainingCheckpoint.FromBytes(stored.State);
            logger.LogInformation("Trial {TrialId} resumes after epoch {Epoch} ({Bytes} bytes of checkpoint)", lease.TrialId, checkpoint.CompletedEpochs, stored.State.Length);
            return checkpoint;
        }
        catch (InvalidDataException e)
        {
            logger.LogWarning("Trial {TrialId} starts over: its checkpoint of epoch {Epoch} cannot be read ({Error})", lease.TrialId, stored.Epoch, e.Message);
            return null;
        }
    }
}
