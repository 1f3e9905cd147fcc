using System.Diagnostics;
using System.Net.Sockets;
using GridSearch.Core;
using GridSearch.Core.Persistence;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;
using GridSearch.Worker.Supervision;
using Microsoft.Extensions.Logging;

namespace GridSearch.Worker.Preflight;

/// <summary>
/// What the supervisor checks before it starts any slot: the datasets are there and the native library
/// loads, or the worker stops at once with one line that says what to do (every slot would claim trials only
/// to fail them); then it waits for the database to answer and be migrated, which fixes itself (PostgreSQL
/// starting, restarting or crowded, the API about to migrate), unless it refuses the worker for good.
/// </summary>
public sealed class StartupChecks(string connectionString, TrainingDevice device)
{
    private static readonly TimeSpan RemindEvery = TimeSpan.FromMinutes(1);

    /// <returns>The first problem found on this machine (the datasets, the native library), as one line, or
    /// null when the worker can go on to wait for its database.</returns>
    public string? FindLocalProblem() => FindDataProblem() ?? FindNativeProblem();

    private static string? FindDataProblem()
    {
        string directory;
        try
        {
            directory = DataDirectory.Locate();
        }
        catch (DirectoryNotFoundException)
        {
            return $"no data folder (no data/ with mnist/ above {AppContext.BaseDirectory}): run make data or set {DataDirectory.Variable}";
        }

        foreach (var dataset in Enum.GetValues<Dataset>())
        {
            var folder = DatasetFiles.Folder(Path.GetFullPath(directory), dataset);
            var files = DatasetFiles.All(folder);
            var missing = files.Where(file => !File.Exists(file) && !File.Exists(file + ".gz")).Select(Path.GetFileName).ToList();
            if (missing.Count > 0)
            {
                var which = missing.Count == files.Count ? "" : $" ({string.Join(", ", missing)} missing)";
                return $"no {DisplayName(dataset)} data in {folder}{which}: run make data or set {DataDirectory.Variable}";
            }
        }

        return null;
    }

    private string? FindNativeProblem()
    {
        try
        {
            _ = NativeRuntime.GetThreads();
            if (device == TrainingDevice.Cuda && !NativeRuntime.IsCudaAvailable())
            {
                return $"--device {EnumNames.Of(TrainingDevice.Cuda)} was asked for, but libtorch sees no CUDA device (a CPU build, or no GPU): "
                    + $"build native/ against a CUDA libtorch, or use --device {EnumNames.Of(TrainingDevice.Cpu)}";
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or NativeTrainingException)
        {
            return $"the native library {NativeRuntime.LibraryFileName} did not load ({LoaderReason(e)}): run make native or set {NativeRuntime.LibraryVariable}";
        }

        return null;
    }

    /// <summary>
    /// Waits until the database is ready for the slots (<see cref="DatabaseReadiness"/>), trying again with
    /// backoff (<see cref="DatabaseOutage.ReconnectDelay"/>) while it is not started, restarting, out of
    /// connections or not yet migrated, saying what it waits for when that changes and once a minute, and
    /// touching the health file meanwhile (a worker that waits is alive). Returns null once ready, or the
    /// problem that will not fix itself; throws OperationCanceledException when stopped first.
    /// </summary>
    public async Task<string?> WaitForDatabaseAsync(ILogger logger, string? healthFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var readiness = new DatabaseReadiness(connectionString);
        var waiting = Stopwatch.StartNew();
        string? said = null;
        var saidAt = TimeSpan.Zero;
        for (var failures = 1; ; failures++)
        {
            var outcome = await readiness.CheckAsync(cancellationToken);
            if (outcome.Ready)
            {
                if (said is not null)
                {
                    logger.LogInformation("The database at {Where} is ready after {Seconds:F1} s", readiness.Where, waiting.Elapsed.TotalSeconds);
                }

                return null;
            }

            if (outcome.Problem is { } problem)
            {
                return problem;
            }

            if (outcome.WaitingFor != said || waiting.Elapsed - saidAt > RemindEvery)
            {
                logger.LogWarning("Waiting for the database at {Where}: {Reason}; trying again every few seconds", readiness.Where, outcome.WaitingFor);
                (said, saidAt) = (outcome.WaitingFor, waiting.Elapsed);
            }

            HealthBeat.Touch(healthFile);
            await Task.Delay(DatabaseOutage.ReconnectDelay(failures), cancellationToken);
        }
    }

    private static string DisplayName(Dataset dataset) => dataset switch
    {
        Dataset.Mnist => "MNIST",
        Dataset.FashionMnist => "Fashion-MNIST",
        _ => EnumNames.Of(dataset),
    };

    /// <summary>The loader's own words (the file and why), without .NET's advice on strace and LD_DEBUG.</summary>
    private static string LoaderReason(Exception e)
    {
        const string Advice = "LD_DEBUG environment variable:";
        var message = OneLine(e.Message);
        var at = message.IndexOf(Advice, StringComparison.Ordinal);
        return at < 0 ? message : message[(at + Advice.Length)..].Trim();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
