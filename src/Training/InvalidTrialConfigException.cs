namespace GridSearch.Training;

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
}
