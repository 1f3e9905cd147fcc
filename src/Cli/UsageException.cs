namespace GridSearch.Cli;

/// <summary>Something wrong with what the user gave on this machine (a file, an address): exit code 2.</summary>
internal sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
