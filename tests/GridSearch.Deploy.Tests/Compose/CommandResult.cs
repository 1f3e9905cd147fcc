namespace GridSearch.Deploy.Tests.Compose;

/// <summary>What a command printed, and how it ended.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    public bool Succeeded => ExitCode == 0;
}
