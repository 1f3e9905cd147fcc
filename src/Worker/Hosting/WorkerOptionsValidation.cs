using GridSearch.Domain.Vocabulary;
using Microsoft.Extensions.Options;

namespace GridSearch.Worker.Hosting;

/// <summary>Checks <see cref="WorkerOptions"/> at start, with messages that name the command line's flags.</summary>
public sealed class WorkerOptionsValidation : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void AtLeast(int? value, int min, string flag)
        {
            if (value < min)
            {
                problems.Add($"{flag} must be a whole number >= {min}, got {value}.");
            }
        }

        AtLeast(options.Slots, 1, "--slots");
        AtLeast(options.ThreadsPerTrial, 1, "--threads-per-trial");
        AtLeast(options.PollSeconds, 1, "--poll-seconds");
        AtLeast(options.LeaseSeconds, 2, "--lease-seconds");
        AtLeast(options.RetryBackoffSeconds, 0, "--retry-backoff-seconds");
        AtLeast(options.CheckpointSeconds, 0, "--checkpoint-seconds");
        AtLeast(options.Slot, 0, "--slot");
        // The binder takes a number too, and any number parses as an enum.
        if (!Enum.IsDefined(options.Device))
        {
            problems.Add($"--device must be one of {string.Join(", ", EnumNames.Choices<TrainingDevice>())}, got {options.Device}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
