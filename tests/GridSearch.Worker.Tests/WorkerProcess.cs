using System.Globalization;
using GridSearch.Testing;

namespace GridSearch.Worker.Tests;

/// <summary>Starts a real worker (supervisor plus one child per slot) against a test database.</summary>
public static class WorkerProcess
{
    public static DotnetProcess Start(string connectionString, int slots = 1, string? dataDirectory = null, int leaseSeconds = 3)
    {
        var environment = new Dictionary<string, string> { ["GRIDSEARCH_DB"] = connectionString };
        if (dataDirectory is not null)
        {
            environment["GRIDSEARCH_DATA"] = dataDirectory;
        }

        return DotnetProcess.Start(
            "worker",
            typeof(Execution.SlotWorker).Assembly.Location,
            [
                "--slots", slots.ToString(CultureInfo.InvariantCulture), "--device", "cpu",
                "--lease-seconds", leaseSeconds.ToString(CultureInfo.InvariantCulture),
                "--poll-seconds", "1", "--retry-backoff-seconds", "0",
            ],
            environment);
    }
}
