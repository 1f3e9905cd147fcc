using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Trials;

/// <summary>A trial config the trainer cannot run; thrown before anything is trained. The message
/// lists every problem found.</summary>
public sealed class InvalidTrialConfigException : ArgumentException
{
    public InvalidTrialConfigException()
    {
        Problems = [];
    }

    public InvalidTrialConfigException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public InvalidTrialConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public InvalidTrialConfigException(IReadOnlyList<string> problems)
        : base("Invalid trial config: " + string.Join("; ", problems) + ".")
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>"activation 42 is not one of relu, tanh, …": a config from elsewhere named no member a
    /// search may name.</summary>
    public static string NotOneOf<T>(string what, T value)
        where T : struct, Enum => $"{what} {value} is not one of {string.Join(", ", EnumNames.Choices<T>())}";
}
