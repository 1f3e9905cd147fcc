using GridSearch.Core.Queue;
using GridSearch.Core.Trials;
using GridSearch.Training;
using GridSearch.Worker.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridSearch.Worker.Execution;

/// <summary>
/// One slot: claims a trial, trains it while heartbeating its lease (from the checkpoint an earlier
/// attempt left, if any), writes each epoch with its checkpoint as it ends, and records the outcome;
/// then the next. It trains one trial at a time, so libtorch's
/// process-wide generator and thread pools are this trial's alone. When the host stops (SIGTERM),
/// the trial in hand goes back to the queue at once.
/// </summary>
public sealed class SlotWorker(
    TrialQueue queue, TrialTrainer trainer, IOptions<WorkerOptions> options, IOptions<QueueOptions> queueOptions, ILogger<SlotWorker> logger)
    : BackgroundService
{
    private readonly string identity = $"{Environment.MachineName}/{Environment.ProcessId}/{options.Value.Device}";
    private readonly TimeSpan leaseDuration = queueOptions.Value.LeaseDuration;
    private readonly TimeSpan pollInterval = options.Value.PollInterval;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        logger.LogInformation("Ready as {Identity}, {Threads} thread(s) per trial", identity, options.Value.ThreadsPerTrial);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Disposing the lease hands the trial back unless its outcome was recorded.
                await using var lease = await queue.ClaimAsync(identity, stopping);
                if (lease is null)
                {
                    await queue.WaitForWorkAsync(pollInterval, stopping);
                    continue;
                }

                await RunTrialAsync(lease, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // The database went away for a moment: the lease protects the trial; try again shortly.
                logger.LogWarning(e, "Queue unavailable; retrying in {Seconds} s", pollInterval.TotalSeconds);
                await Task.Delay(pollInterval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        logger.LogInformation("Stopped");
    }

    private async Task RunTrialAsync(TrialLease lease, CancellationToken stopping)
    {
        // Shutdown (SIGTERM) hands the trial back at once, from the callback, rather than after the epoch
        // in progress; the epoch in progress is dropped, and the next free slot resumes after the last one.
        // If shutdown began before this line, the callback runs right here, and the trial is not started.
        await using var handBackOnStop = stopping.Register(() => _ = lease.HandBackAsync());
        stopping.ThrowIfCancellationRequested();
        logger.LogInformation("Trial {TrialId} started: search {SearchId}, config {ConfigHash}, attempt {Attempt}", lease.TrialId, lease.SearchId, lease.ConfigHash, lease.Attempt);
        using var heartbeat = new LeaseHeartbeat(queue, lease, leaseDuration / 3, logger);
        heartbeat.Start();
        try
        {
            var config = TrialConfigJson.Deserialize(lease.ConfigJson);
            var resumeFrom = await LoadCheckpointAsync(lease, stopping);
            // libtorch blocks its thread for a whole epoch; keep it off the thread pool the heartbeat needs.
            var training = Task.Factory.StartNew(
                () => trainer.Train(
                    config,
                    resumeFrom,
                    onEpoch: (epoch, checkpoint) => RecordEpoch(lease, epoch, checkpoint, heartbeat),
                    shouldStop: () => heartbeat.CancelRequested || heartbeat.LeaseLost),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            // On shutdown stop waiting: the trial is handed back, and the process need not wait for the epoch.
            // (The trainer is not told to stop: a shutdown must never read as the user's cancel.)
            var outcome = await training.WaitAsync(stopping);

            await heartbeat.StopAsync();
            if (heartbeat.LeaseLost)
            {
                logger.LogWarning("Trial {TrialId} lost its lease; its result is dropped, another worker has it", lease.TrialId);
                return;
            }

            var result = outcome.Result;
            var recorded = result.StopReason == StopReason.Cancelled
                ? await queue.ConfirmCancelledAsync(lease, CancellationToken.None)
                : await queue.CompleteAsync(lease, result, CancellationToken.None);
            logger.LogInformation(
                "Trial {TrialId} ended {StopReason}: config {ConfigHash}, test accuracy {TestAccuracy:F4}, test loss {TestLoss:F4}, {Epochs} epochs in {Seconds:F1} s{Fenced}",
                lease.TrialId, result.StopReason, lease.ConfigHash, result.TestAccuracy, result.TestLoss, outcome.History.Count, outcome.Duration.TotalSeconds,
                recorded ? "" : " (not recorded: the lease had moved on)");
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
            var retried = await queue.FailAsync(lease, e.Message, CancellationToken.None);
            logger.LogError("Trial {TrialId} failed on attempt {Attempt}: config {ConfigHash}: {Error}{Recorded}", lease.TrialId, lease.Attempt, lease.ConfigHash, e.Message, retried ? "" : " (not recorded: the lease had moved on)");
        }
    }

    /// <summary>The training state an earlier attempt left at its last finished epoch (its worker died, or
    /// handed the trial back on shutdown), or null to start at epoch 1. A checkpoint this engine cannot read
    /// (another version wrote it) is set aside: the trial starts over, rewriting its epochs.</summary>
    private async Task<TrainingCheckpoint?> LoadCheckpointAsync(TrialLease lease, CancellationToken stopping)
    {
        var stored = await queue.LoadCheckpointAsync(lease, stopping);
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

    private void RecordEpoch(TrialLease lease, Epoch epoch, TrainingCheckpoint? checkpoint, LeaseHeartbeat heartbeat)
    {
        epoch.TrialId = lease.TrialId;
        // Written as the epoch ends so a poller sees progress, with the state to resume from should this
        // worker die; refused once the lease is gone.
        if (!queue.RecordEpochAsync(lease, epoch, checkpoint?.ToBytes(), CancellationToken.None).GetAwaiter().GetResult())
        {
            heartbeat.MarkLost();
        }
    }
}
