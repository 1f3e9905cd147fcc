namespace GridSearch.Worker.Hosting;

/// <summary>The worker's flags: each maps onto a key of <see cref="WorkerOptions"/>'s section, so the
/// command line is one more configuration source (after appsettings.json and the environment).</summary>
public static class WorkerCommandLine
{
    public const string Usage = """
        usage: GridSearch.Worker [--slots N] [--threads-per-trial N] [--device auto|cpu|cuda]
                                 [--lease-seconds N] [--poll-seconds N] [--retry-backoff-seconds N]
                                 [--checkpoint-seconds N]
          --slots               trials trained at once, each in its own process (default: one per core on CPU, 1 on CUDA)
          --threads-per-trial   libtorch and OpenBLAS threads of each trial (default 1)
          --device              where to train (default auto: CUDA when available, else CPU)
          --lease-seconds       how long a claim holds without a heartbeat (default 30)
          --poll-seconds        how often to look for work when no notification arrives (default 5)
          --retry-backoff-seconds  first delay before a failed trial is retried; doubles per attempt (default 5)
          --checkpoint-seconds  training seconds between a trial's checkpoints, its resume points (default 10; 0: every epoch but the last)
        environment: GRIDSEARCH_DB (connection string), GRIDSEARCH_DATA (dataset folder),
                     GRIDSEARCH_NATIVE_LIB (the libtorch bridge), Worker__Slots and the like (any flag)
        """;

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
