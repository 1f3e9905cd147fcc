using System.Net.Sockets;
using GridSearch.Core;
using GridSearch.Core.Persistence;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training.Native;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridSearch.Worker.Preflight;

/// <summary>
/// What the supervisor checks before it starts any slot: the datasets are there, the native library
/// loads, the database answers and is migrated. Without these every slot would claim trials only to
/// fail them (or crash-loop), so the worker stops at once instead, with one line that says what to do.
/// </summary>
public sealed class StartupChecks(string connectionString, TrainingDevice device)
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    /// <returns>The first problem found, as one line, or null when the worker can start.</returns>
    public async Task<string?> FindProblemAsync(CancellationToken cancellationToken) =>
        FindDataProblem() ?? FindNativeProblem() ?? await FindDatabaseProblemAsync(cancellationToken);

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
                return $"--device {EnumNames.Of(TrainingDevice.Cuda)} was asked for, but libtorch sees no CUDA device (a CPU build, or no GPU): build native/ against a CUDA libtorch, or use --device {EnumNames.Of(TrainingDevice.Cpu)}";
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or NativeTrainingException)
        {
            return $"the native library {NativeRuntime.LibraryFileName} did not load ({LoaderReason(e)}): run make native or set {NativeRuntime.LibraryVariable}";
        }

        return null;
    }

    private async Task<string?> FindDatabaseProblemAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        }
        catch (ArgumentException e)
        {
            return $"{DatabaseSettings.EnvironmentVariable} is not a connection string ({OneLine(e.Message)}): set it to one, e.g. {DatabaseSettings.LocalDefault}";
        }

        // Only where, never the password.
        var where = $"Host={settings.Host};Port={settings.Port};Database={settings.Database}";
        settings.Timeout = Math.Min(settings.Timeout, (int)DatabaseTimeout.TotalSeconds);
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT to_regclass('trials') IS NOT NULL", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return $"the database at {where} has no trials table (not migrated): run make migrate, or start the API, which migrates it";
            }

            // The same test as the API's readiness check: a database a migration behind would let slots
            // claim trials only to fail them on a missing column.
            await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
            var options = new DbContextOptionsBuilder<GridSearchDbContext>();
            CoreServiceCollectionExtensions.ConfigureDbContext(options, dataSource);
            await using var db = new GridSearchDbContext(options.Options);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                return $"the database at {where} lacks the migrations {string.Join(", ", pending)}: run make migrate, or start the API, which migrates it";
            }
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return $"cannot reach the database at {where} ({OneLine(Innermost(e).Message)}): start it with make db or set {DatabaseSettings.EnvironmentVariable}";
        }

        return null;
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

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
