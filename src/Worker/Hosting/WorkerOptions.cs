using System.Globalization;

namespace GridSearch.Worker.Hosting;

/// <summary>The worker's command line. The database comes from GRIDSEARCH_DB, the datasets from GRIDSEARCH_DATA.</summary>
public sealed record WorkerOptions
{
    public const string Usage = """
        usage: GridSearch.Worker [--slots N] [--threads-per-trial N] [--device auto|cpu|cuda]
                                 [--lease-seconds N] [--poll-seconds N] [--retry-backoff-seconds N]
          --slots               trials trained at once, each in its own process (default: one per core on CPU, 1 on CUDA)
          --threads-per-trial   libtorch and OpenBLAS threads of each trial (default 1)
          --device              where to train (default auto: CUDA when available, else CPU)
          --lease-seconds       how long a claim holds without a heartbeat (default 30)
          --poll-seconds        how often to look for work when no notification arrives (default 5)
          --retry-backoff-seconds  first delay before a failed trial is retried; doubles per attempt (default 5)
        environment: GRIDSEARCH_DB (connection string), GRIDSEARCH_DATA (dataset folder)
        """;

    public int? Slots { get; init; }
    public int ThreadsPerTrial { get; init; } = 1;
    public string Device { get; init; } = "auto";
    public int LeaseSeconds { get; init; } = 30;
    public int PollSeconds { get; init; } = 5;
    public int RetryBackoffSeconds { get; init; } = 5;

    /// <summary>Set in the child processes the supervisor starts: which slot this process serves.</summary>
    public int? Slot { get; init; }

    public bool Help { get; init; }

    public static WorkerOptions Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? problem = null;
        var options = new WorkerOptions();
        for (var i = 0; i < args.Count && problem is null; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                error = null;
                return options with { Help = true };
            }

            if (i + 1 >= args.Count)
            {
                problem = $"{name} needs a value.";
                break;
            }

            var value = args[++i];
            int Number(int min)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min)
                {
                    problem = $"{name} must be a whole number >= {min}, got '{value}'.";
                }

                return number;
            }

            switch (name)
            {
                case "--slots": options = options with { Slots = Number(1) }; break;
                case "--threads-per-trial": options = options with { ThreadsPerTrial = Number(1) }; break;
                case "--lease-seconds": options = options with { LeaseSeconds = Number(2) }; break;
                case "--poll-seconds": options = options with { PollSeconds = Number(1) }; break;
                case "--retry-backoff-seconds": options = options with { RetryBackoffSeconds = Number(0) }; break;
                case "--slot": options = options with { Slot = Number(0) }; break;
                case "--device" when value is "auto" or "cpu" or "cuda": options = options with { Device = value }; break;
                case "--device": problem = $"--device must be auto, cpu or cuda, got '{value}'."; break;
                default: problem = $"unknown option '{name}'."; break;
            }
        }

        error = problem;
        return options;
    }

    /// <summary>The arguments a slot's child process gets: these options, resolved, plus its slot.</summary>
    public IReadOnlyList<string> ChildArguments(int slot, string device) =>
    [
        "--slot", slot.ToString(CultureInfo.InvariantCulture),
        "--device", device,
        "--threads-per-trial", ThreadsPerTrial.ToString(CultureInfo.InvariantCulture),
        "--lease-seconds", LeaseSeconds.ToString(CultureInfo.InvariantCulture),
        "--poll-seconds", PollSeconds.ToString(CultureInfo.InvariantCulture),
        "--retry-backoff-seconds", RetryBackoffSeconds.ToString(CultureInfo.InvariantCulture),
    ];
}
