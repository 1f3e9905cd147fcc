using Microsoft.Extensions.Options;

namespace GridSearch.Core.Queue;

/// <summary>Checks bound <see cref="QueueOptions"/> at start with the very rules the queue applies
/// when it is built, so a bad setting stops the host instead of its first claim.</summary>
public sealed class QueueOptionsValidation : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"{QueueOptions.Section}:{e.ParamName}: {e.Message}");
        }
    }
}
