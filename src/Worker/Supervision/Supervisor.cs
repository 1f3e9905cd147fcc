using System.Diagnostics;
using System.Runtime.InteropServices;
using GridSearch.Worker.Hosting;
using Microsoft.Extensions.Logging;

namespace GridSearch.Worker.Supervision;

/// <summary>
/// Runs one child process per slot and keeps them running. libtorch's random generator and thread
/// pools are process-wide, so a process per slot keeps concurrent trials apart, and a native crash
/// in one trial takes down only its own slot: the supervisor restarts it, and the queue's lease
/// returns the crashed trial to the queue.
/// </summary>
public sealed partial class Supervisor(WorkerOptions options, string device, ILogger logger)
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);
    private readonly List<Process?> children = [];
    private volatile bool stopping;

    public async Task<int> RunAsync()
    {
        var slots = options.Slots ?? (device == "cuda" ? 1 : Environment.ProcessorCount);
        logger.LogInformation("Starting {Slots} slot(s) on {Device}, {Threads} thread(s) per trial", slots, device, options.ThreadsPerTrial);
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        var loops = Enumerable.Range(0, slots).Select(slot => Task.Run(() => KeepRunningAsync(slot))).ToList();
        await Task.WhenAll(loops);
        logger.LogInformation("All slots stopped");
        return 0;
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        if (stopping)
        {
            return;
        }

        stopping = true;
        logger.LogInformation("{Signal}: asking every slot to hand its trial back and stop", context.Signal);
        lock (children)
        {
            foreach (var child in children.Where(c => c is { HasExited: false }))
            {
                _ = Kill(child!.Id, SigTerm);
            }
        }
    }

    private async Task KeepRunningAsync(int slot)
    {
        var restartDelay = TimeSpan.FromSeconds(1);
        while (!stopping)
        {
            using var child = Start(slot);
            var started = Stopwatch.StartNew();
            using (var grace = new CancellationTokenSource())
            {
                var exited = child.WaitForExitAsync();
                while (!exited.IsCompleted)
                {
                    await Task.WhenAny(exited, Task.Delay(200));
                    if (stopping && !grace.IsCancellationRequested)
                    {
                        grace.CancelAfter(ShutdownGrace);
                    }

                    if (grace.IsCancellationRequested)
                    {
                        logger.LogWarning("Slot {Slot} did not stop in time; killing it", slot);
                        child.Kill(entireProcessTree: true);
                    }
                }
            }

            lock (children)
            {
                children[slot] = null;
            }

            if (stopping)
            {
                return;
            }

            // A crash loop backs off; a slot that ran a while restarts at once.
            restartDelay = started.Elapsed > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Min(30, restartDelay.TotalSeconds * 2));
            logger.LogError("Slot {Slot} exited with code {Code}; restarting in {Delay} s", slot, child.ExitCode, restartDelay.TotalSeconds);
            await Task.Delay(restartDelay);
        }
    }

    private Process Start(int slot)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under `dotnet GridSearch.Worker.dll` the process is dotnet itself: pass the assembly on.
        var entry = typeof(Supervisor).Assembly.Location;
        if (!Path.GetFileNameWithoutExtension(start.FileName).Equals(Path.GetFileNameWithoutExtension(entry), StringComparison.Ordinal))
        {
            start.ArgumentList.Add(entry);
        }

        foreach (var argument in options.ChildArguments(slot, device))
        {
            start.ArgumentList.Add(argument);
        }

        // Sized before libtorch loads: OpenBLAS reads it once, at start.
        var threads = options.ThreadsPerTrial.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OPENBLAS_NUM_THREADS"] = threads;
        start.Environment["OMP_NUM_THREADS"] = threads;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start slot {slot}.");
        lock (children)
        {
            while (children.Count <= slot)
            {
                children.Add(null);
            }

            children[slot] = process;
            if (stopping)
            {
                _ = Kill(process.Id, SigTerm);
            }
        }

        return process;
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
