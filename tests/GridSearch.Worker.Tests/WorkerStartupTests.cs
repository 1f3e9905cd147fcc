using GridSearch.Testing.Database;
using GridSearch.Testing.Processes;

namespace GridSearch.Worker.Tests;

/// <summary>The supervisor's checks before it starts any slot: a real worker process, each time with one
/// thing missing, says which in one line on stderr and exits non-zero at once.</summary>
public sealed class WorkerStartupTests
{
    // Generous: a loaded 2-core machine takes seconds just to start .NET; the point is that it exits by itself.
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(40);

    private static async Task<string> ExpectOneErrorLineAsync(DotnetProcess worker)
    {
        Assert.True(await worker.WaitForExitAsync(Quickly), $"still running after {Quickly.TotalSeconds} s:\n{worker.Output}");
        Assert.NotEqual(0, worker.ExitCode);
        var lines = worker.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{worker.Errors}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("slot 0", worker.Output, StringComparison.Ordinal);
        return lines[0];
    }

    [Fact]
    public async Task Start_WithoutData_PrintsOneLineAndExitsNonZero()
    {
        await using var database = await TestDatabase.CreateAsync();
        var empty = Directory.CreateTempSubdirectory("gridsearch-nodata-");
        try
        {
            await using var worker = WorkerProcess.Start(database.ConnectionString, dataDirectory: empty.FullName);

            var line = await ExpectOneErrorLineAsync(worker);

            Assert.Contains($"no MNIST data in {Path.Combine(empty.FullName, "mnist")}", line, StringComparison.Ordinal);
            Assert.Contains("make data", line, StringComparison.Ordinal);
            Assert.Contains("GRIDSEARCH_DATA", line, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_WithoutTheNativeLibrary_PrintsOneLineAndExitsNonZero()
    {
        await using var database = await TestDatabase.CreateAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"gridsearch-missing-{Guid.NewGuid():N}", "libgridsearch_native.so");
        await using var worker = WorkerProcess.Start(
            database.ConnectionString,
            environment: new Dictionary<string, string> { ["GRIDSEARCH_NATIVE_LIB"] = missing });

        var line = await ExpectOneErrorLineAsync(worker);

        Assert.Contains("the native library libgridsearch_native.so did not load", line, StringComparison.Ordinal);
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.Contains("make native", line, StringComparison.Ordinal);
        Assert.Contains("GRIDSEARCH_NATIVE_LIB", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithTheDatabaseUnreachable_PrintsOneLineAndExitsNonZero()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        await using var worker = WorkerProcess.Start("Host=127.0.0.1;Port=1;Username=gridsearch;Password=secret;Database=gridsearch");

        var line = await ExpectOneErrorLineAsync(worker);

        Assert.Contains("cannot reach the database at Host=127.0.0.1;Port=1;Database=gridsearch", line, StringComparison.Ordinal);
        Assert.Contains("make db", line, StringComparison.Ordinal);
        Assert.Contains("GRIDSEARCH_DB", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAnUnmigratedDatabase_PrintsOneLineAndExitsNonZero()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync("DROP TABLE trials CASCADE");
        await using var worker = WorkerProcess.Start(database.ConnectionString);

        var line = await ExpectOneErrorLineAsync(worker);

        Assert.Contains("has no trials table", line, StringComparison.Ordinal);
        Assert.Contains("make migrate", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithADatabaseAMigrationBehind_PrintsOneLineNamingItAndExitsNonZero()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync("""DELETE FROM "__EFMigrationsHistory" WHERE migration_id = (SELECT max(migration_id) FROM "__EFMigrationsHistory")""");
        await using var worker = WorkerProcess.Start(database.ConnectionString);

        var line = await ExpectOneErrorLineAsync(worker);

        Assert.Contains("lacks the migrations", line, StringComparison.Ordinal);
        Assert.Contains("make migrate", line, StringComparison.Ordinal);
    }
}
