namespace GridSearch.Cli.Tests.Support;

/// <summary>A file of its own for one test, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string? content = null, string extension = ".json")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gridsearch-cli-" + Guid.NewGuid().ToString("N") + extension);
        if (content is not null)
        {
            System.IO.File.WriteAllText(Path, content);
        }
    }

    public string Path { get; }

    public void Dispose() => System.IO.File.Delete(Path);
}
