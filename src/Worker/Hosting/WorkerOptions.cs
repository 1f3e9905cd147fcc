using System.Globalization;
using GridSearch.Core.Queue;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Worker.Hosting;

/// <summary>
/// The worker's settings: the "Worker" section of its configuration (appsettings.json, environment
/// variables such as Worker__Slots, the command line's flags through <see cref="WorkerCommandLine"/>).
/// The queue's own settings (lease, backoff, attempts) have their defaults in <see cref="QueueOptions"/>;
/// the flags here only override them.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Trials trained at once, each in its own process; null: one per core on CPU, 1 on CUDA.</summary>
    public int? Slots { get; set; }

    /// <summary>libtorch and OpenBLAS threads of each trial.</summary>
    public int ThreadsPerTrial { get; set; } = 1;

    /// <summary>Auto (CUDA when libtorch sees a GPU, else CPU), Cpu or Cuda.</summary>
    public TrainingDevice Device { get; set; } = TrainingDevice.Auto;

    /// <summary>How often an idle slot looks for work when no NOTIFY arrives.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Overrides <see cref="QueueOptions.LeaseDuration"/>.</summary>
    public int? LeaseSeconds { get; set; }

    /// <summary>Overrides <see cref="QueueOptions.RetryBackoff"/>.</summary>
    public int? RetryBackoffSeconds { get; set; }

    /// <summary>Training seconds between a trial's checkpoints: one is written with the first epoch that ends
    /// at least this long after the last (or the trial's start); 0: with every epoch; never the trial's last (<see cref="Execution.CheckpointCadence"/>). A checkpoint holds the
    /// weights, the optimizer's state and the best epoch's weights (megabytes), so writing one per short
    /// epoch would cost more than the epochs it saves; a worker that dies loses at most this much plus an epoch.</summary>
    public int CheckpointSeconds { get; set; } = 10;

    /// <summary>A file the supervisor touches while it runs, for a container's healthcheck
    /// (<see cref="Supervision.HealthBeat"/>, `--health`); unset: none (the worker image sets it).</summary>
    public string? HealthFile { get; set; }

    /// <summary>Set in the child processes the supervisor starts: which slot this process serves.</summary>
    public int? Slot { get; set; }

    /// <summary>Set in the child processes the supervisor starts: the registration (in the workers table)
    /// this slot reports its trial to.</summary>
    public Guid? WorkerId { get; set; }

    public TimeSpan PollInterval => TimeSpan.FromSeconds(PollSeconds);

    public TimeSpan CheckpointInterval => TimeSpan.FromSeconds(CheckpointSeconds);

    /// <summary>Applies the flags that override the queue's settings.</summary>
    public void ApplyTo(QueueOptions queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (LeaseSeconds is { } lease)
        {
            queue.LeaseDuration = TimeSpan.FromSeconds(lease);
        }

        if (RetryBackoffSeconds is { } backoff)
        {
            queue.RetryBackoff = TimeSpan.FromSeconds(backoff);
        }
    }

    /// <summary>The arguments a slot's child process gets: these options, the device resolved, plus its slot.
    /// Unset overrides stay unset, so the child reads the same configuration for them.</summary>
    public IReadOnlyList<string> ChildArguments(int slot, TrainingDevice device, Guid workerId)
    {
        var arguments = new List<string>
        {
            "--slot", Text(slot),
            "--worker-id", workerId.ToString(),
            "--device", EnumNames.Of(device),
            "--threads-per-trial", Text(ThreadsPerTrial),
            "--poll-seconds", Text(PollSeconds),
            "--checkpoint-seconds", Text(CheckpointSeconds),
        };
        if (LeaseSeconds is { } lease)
        {
            arguments.AddRange(["--lease-seconds", Text(lease)]);
        }

        if (RetryBackoffSeconds is { } backoff)
        {
            arguments.AddRange(["--retry-backoff-seconds", Text(backoff)]);
        }

        return arguments;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
