using System.Diagnostics;
using System.Runtime.InteropServices;
using GridSearch.Core.Queue;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;
using GridSearch.Worker.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridSearch.Worker.Supervision;

/// <summary>
/// Runs one child process per slot and keeps them running. libtorch's random generator and thread
/// pools are process-wide, so a process per slot keeps concurrent trials apart, and a native crash
/// in one trial takes down only its own slot: the supervisor restarts it, and the queue's lease
/// returns the crashed trial to the queue. When the host stops (SIGTERM, Ctrl+C) every slot gets
/// SIGTERM, hands its trial back and exits.
/// </summary>
public sealed partial class Supervisor(
    IOptions<WorkerOptions> options, IOptions<QueueOptions> queueOptions, WorkerPresence presence, ILogger<Supervisor> logger)
    : BackgroundService
{
    /// <summary>How long a stopping slot may take before it is killed; within the host's shutdown timeout.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var settings = options.Value;
        var device = DeviceChoice.Resolve(settings.Device);
        var slots = settings.Slots ?? (device == TrainingDevice.Cuda ? 1 : Environment.ProcessorCount);
        logger.LogInformation("Starting {Slots} slot(s) on {Device}, {Threads} thread(s) per trial", slots, EnumNames.Of(device), settings.ThreadsPerTrial);
        await using var onStop = stopping.Register(() => logger.LogInformation("Stopping: asking every slot to hand its trial back and stop"));
        // Registered for the Workers page; each slot reports its trial under the same id.
        var worker = WorkerPresence.Describe(slots, device, queueOptions.Value.LeaseDuration);
        var seen = presence.KeepAsync(worker, stopping);
        await Task.WhenAll(Enumerable.Range(0, slots).Select(slot => Task.Run(() => KeepRunningAsync(slot, device, worker.Id, stopping), CancellationToken.None)));
        await seen;
        logger.LogInformation("All slots stopped");
    }

    private async Task KeepRunningAsync(int slot, TrainingDevice device, Guid workerId, CancellationToken stopping)
    {
        var restartDelay = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            using var child = Start(slot, device, workerId);
            var started = Stopwatch.StartNew();
            // Registered after the start, so a slot started just as the host stops is told to stop too.
            await using (stopping.Register(() => _ = Kill(child.Id, SigTerm)))
            {
                await WaitForExitAsync(child, slot, stopping);
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            // A crash loop backs off; a slot that ran a while restarts at once.
            restartDelay = started.Elapsed > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Min(30, restartDelay.TotalSeconds * 2));
            logger.LogError("Slot {Slot} exited with code {Code}; restarting in {Delay} s", slot, child.ExitCode, restartDelay.TotalSeconds);
            await Task.Delay(restartDelay, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Waits for the child to exit; once stopping, for <see cref="ShutdownGrace"/> at most, then kills it.</summary>
    private async Task WaitForExitAsync(Process child, int slot, CancellationToken stopping)
    {
        var exited = child.WaitForExitAsync(CancellationToken.None);
        await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, stopping));
        if (exited.IsCompleted)
        {
            return;
        }

        if (await Task.WhenAny(exited, Task.Delay(ShutdownGrace, CancellationToken.None)) != exited)
        {
            logger.LogWarning("Slot {Slot} did not stop in time; killing it", slot);
            child.Kill(entireProcessTree: true);
            await exited;
        }
    }

    private Process Start(int slot, TrainingDevice device, Guid workerId)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under `dotnet GridSearch.Worker.dll` the process is dotnet itself: pass the assembly on. (The
        // published app host, GridSearch.Worker, is the program; its name has no extension to strip.)
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Supervisor).Assembly.Location);
        }

        foreach (var argument in options.Value.ChildArguments(slot, device, workerId))
        {
            start.ArgumentList.Add(argument);
        }

        // Read once, at start: OpenBLAS's threads as libtorch loads, glibc's allocator settings before that.
        foreach (var (name, value) in NativeRuntime.SlotEnvironment(options.Value.ThreadsPerTrial))
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start slot {slot}.");
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
