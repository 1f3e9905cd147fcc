namespace GridSearch.Cli.Commands;

/// <summary>Writes what a command downloaded to the file the user named; a file that cannot be written is a usage error.</summary>
internal static class OutputFile
{
    public static async Task WriteAsync(FileInfo file, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllBytesAsync(file.FullName, bytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {file}: {e.Message}", e);
        }
    }
}
