namespace GridSearch.Cli.Tests.Support;

/// <summary>What one gridsearch command did: its exit code, standard output and error output.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Errors)
{
    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public IReadOnlyList<string> ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
