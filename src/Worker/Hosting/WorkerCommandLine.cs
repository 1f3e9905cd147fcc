using System.Globalization;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;

namespace GridSearch.Worker.Hosting;

/// <summary>The worker's flags: each maps onto a key of <see cref="WorkerOptions"/>'s section, so the
/// command line is one more configuration source (after appsettings.json and the environment).</summary>
public static class WorkerCommandLine
{
    // Before Usage, which reads them: the defaults it shows are the options' own.
    private static readonly WorkerOptions WorkerDefaults = new();
    private static readonly QueueOptions QueueDefaults = new();

    public static string Usage { get; } = string.Create(CultureInfo.InvariantCulture, $"""
        usage: GridSearch.Worker [--slots N] [--threads-per-trial N] [--device {string.Join('|', EnumNames.Choices<TrainingDevice>())}]
                                 [--lease-seconds N] [--poll-seconds N] [--retry-backoff-seconds N]
                                 [--checkpoint-seconds N]
               GridSearch.Worker --health
          --slots               trials trained at once, each in its own process (default: one per core on CPU, 1 on CUDA)
          --threads-per-trial   libtorch and OpenBLAS threads of each trial (default {WorkerDefaults.ThreadsPerTrial})
          --device              where to train (default {EnumNames.Of(WorkerDefaults.Device)}: CUDA when available, else CPU)
          --lease-seconds       how long a claim holds without a heartbeat (default {QueueDefaults.LeaseDuration.TotalSeconds})
          --poll-seconds        how often to look for work when no notification arrives (default {WorkerDefaults.PollSeconds})
          --retry-backoff-seconds  first delay before a failed trial is retried; doubles per attempt (default {QueueDefaults.RetryBackoff.TotalSeconds})
          --checkpoint-seconds  training seconds between a trial's checkpoints, its resume points (default {WorkerDefaults.CheckpointSeconds}; 0: every epoch but the last)
          --health              exit 0 when this host's worker touched {WorkerOptions.Section}__{nameof(WorkerOptions.HealthFile)} within {Supervision.HealthBeat.FreshFor.TotalSeconds} s, else 1
        environment: {DatabaseSettings.EnvironmentVariable} (connection string), {DataDirectory.Variable} (dataset folder),
                     {NativeRuntime.LibraryVariable} (the libtorch bridge), {WorkerOptions.Section}__Slots and the like (any flag),
                     {QueueOptions.Section}__MaxAttempts and the like (the queue's settings, shared with the API)
        """);

    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--slots"] = Key(nameof(WorkerOptions.Slots)),
        ["--threads-per-trial"] = Key(nameof(WorkerOptions.ThreadsPerTrial)),
        ["--device"] = Key(nameof(WorkerOptions.Device)),
        ["--lease-seconds"] = Key(nameof(WorkerOptions.LeaseSeconds)),
        ["--poll-seconds"] = Key(nameof(WorkerOptions.PollSeconds)),
        ["--retry-backoff-seconds"] = Key(nameof(WorkerOptions.RetryBackoffSeconds)),
        ["--checkpoint-seconds"] = Key(nameof(WorkerOptions.CheckpointSeconds)),
        ["--slot"] = Key(nameof(WorkerOptions.Slot)),
        ["--worker-id"] = Key(nameof(WorkerOptions.WorkerId)),
    };

    public static bool AsksForHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h");

    public static bool AsksForHealth(IReadOnlyList<string> args) => args is ["--health"];

    /// <summary>What the configuration's command-line source would pass over in silence: a flag it does
    /// not know, or one without its value. Keys in configuration form (--Worker:Slots=2) pass.</summary>
    public static string? FindProblem(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name.Contains('=', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            if (!SwitchMappings.ContainsKey(name))
            {
                return $"unknown option '{name}'.";
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return $"{name} needs a value.";
            }

            i++;
        }

        return null;
    }

    private static string Key(string property) => $"{WorkerOptions.Section}:{property}";
}
