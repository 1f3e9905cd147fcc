namespace GridSearch.Cli;

/// <summary>What scripts can tell apart: the API said no, the command line was wrong, or no API answered.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int ApiError = 1;
    public const int UsageError = 2;
    public const int Unreachable = 3;
    /// <summary>Ctrl+C, as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
