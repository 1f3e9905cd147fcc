using System.CommandLine;
using System.Text.Json;

namespace GridSearch.Cli.Commands;

/// <summary>A search definition file, as submit and plan read it.</summary>
internal static class DefinitionFile
{
    public static Argument<FileInfo> Argument() => new("file") { Description = "The search definition, a JSON file" };

    /// <summary>The file's text, checked to be JSON here so a typo is a usage error, not an API round trip.</summary>
    public static async Task<string> ReadAsync(FileInfo path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path.FullName, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"cannot read {path}: no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}", e);
        }

        try
        {
            // The API's own parser rules (no comments, no trailing commas), so what passes here parses there.
            using var document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new UsageException($"{path} is not valid JSON{where}: {FirstSentence(e.Message)}", e);
        }

        return text;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
