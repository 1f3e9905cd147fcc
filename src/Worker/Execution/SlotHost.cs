using System.Runtime.InteropServices;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Worker.Hosting;
using GridSearch.Worker.Training;
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
        // SIGTERM: stop claiming, and let the worker hand the trial in hand back at once (it does so when
        // the token is cancelled) rather than finish it. Then the process ends without waiting for the
        // epoch in progress: the training thread is a background thread.
        void HandBack(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
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
