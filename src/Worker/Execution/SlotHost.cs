using System.Runtime.InteropServices;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Training;
using GridSearch.Worker.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GridSearch.Worker.Execution;

/// <summary>The process behind one slot: its own libtorch, its own connection pool, one trial at a time.</summary>
public static class SlotHost
{
    public static async Task<int> RunAsync(WorkerOptions options, int slot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ParentWatch.Start();
        using var logging = WorkerLogging.Create(slot);
        var logger = logging.CreateLogger<SlotWorker>();
        var identity = $"{Environment.MachineName}/{Environment.ProcessId}/{options.Device}";
        await using var dataSource = GridSearchDataSource.Create(DatabaseSettings.ConnectionString());
        var queue = new TrialQueue(dataSource, new QueueOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(options.LeaseSeconds),
            RetryBackoff = TimeSpan.FromSeconds(options.RetryBackoffSeconds),
        });
        var trainer = TrialTrainer.FromEnvironment(new TrainerOptions { Device = options.Device, Threads = options.ThreadsPerTrial });
        var worker = new SlotWorker(queue, trainer, identity, TimeSpan.FromSeconds(options.LeaseSeconds), TimeSpan.FromSeconds(options.PollSeconds), logger);

        using var stopping = new CancellationTokenSource();
        // SIGTERM: stop claiming and hand the trial in hand back at once rather than finish it;
        // its partial training is dropped, and the queue gives it to the next free slot.
        void HandBack(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
            if (worker.Current is { } lease)
            {
                var released = queue.ReleaseAsync(lease, CancellationToken.None).GetAwaiter().GetResult();
                logger.LogInformation("Shutting down: trial {TrialId} handed back to the queue{Released}", lease.TrialId, released ? "" : " (its lease had already moved on)");
                logging.Dispose();
                Environment.Exit(0);
            }
        }

        // Ctrl+C in a terminal reaches every process of the group, this slot too: treat it as SIGTERM.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, HandBack);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, HandBack);

        logger.LogInformation("Ready as {Identity}, {Threads} thread(s) per trial", identity, options.ThreadsPerTrial);
        var rescuer = new LeaseRescuer(queue, TimeSpan.FromSeconds(options.LeaseSeconds), logger);
        var sweeping = Task.Run(() => rescuer.RunAsync(stopping.Token));
        await worker.RunAsync(stopping.Token);
        await sweeping;
        logger.LogInformation("Stopped");
        return 0;
    }
}
