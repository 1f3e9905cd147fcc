namespace GridSearch.Domain.Datasets;

/// <summary>Where the datasets live: $GRIDSEARCH_DATA, else the nearest data/ folder holding mnist/
/// above the application (a checkout's data/, filled by `make data`).</summary>
public static class DataDirectory
{
    public const string Variable = "GRIDSEARCH_DATA";

    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "data");
            if (Directory.Exists(Path.Combine(candidate, "mnist")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No data directory: set {Variable} or run `make data` in the checkout above {AppContext.BaseDirectory}.");
    }
}
