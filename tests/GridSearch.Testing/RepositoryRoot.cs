namespace GridSearch.Testing;

/// <summary>The checkout the tests run from: the folder holding GridSearch.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "GridSearch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GridSearch.sln above {AppContext.BaseDirectory}.");
    }
}
