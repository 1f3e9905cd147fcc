using System.Globalization;

namespace GridSearch.Testing.Processes;

/// <summary>Starts a real worker (supervisor plus one child per slot) against a test database.</summary>
public static class WorkerProcess
{
    /// <summary>The worker's assembly, copied next to the tests by their project reference to src/Worker.</summary>
    public static string AssemblyPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "GridSearch.Worker.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"No worker next to the tests ({path}): reference src/Worker/GridSearch.Worker.csproj from the test project.", path);
        }
    }

    /// <summary>A worker on the CPU that polls every second and retries failed trials at once.</summary>
    /// <param name="environment">Variables set on top of the inherited ones (GRIDSEARCH_DATA, GRIDSEARCH_NATIVE_LIB...).</param>
    public static DotnetProcess Start(
        string connectionString, int slots = 1, string? dataDirectory = null, int leaseSeconds = 3,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["GRIDSEARCH_DB"] = connectionString };
        if (dataDirectory is not null)
        {
            variables["GRIDSEARCH_DATA"] = dataDirectory;
        }

        return DotnetProcess.Start(
            "worker",
            AssemblyPath,
            [
                "--slots", slots.ToString(CultureInfo.InvariantCulture), "--device", "cpu",
                "--lease-seconds", leaseSeconds.ToString(CultureInfo.InvariantCulture),
                "--poll-seconds", "1", "--retry-backoff-seconds", "0",
            ],
            variables);
    }
}
