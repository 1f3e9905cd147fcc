using System.Text.RegularExpressions;
using GridSearch.Testing.Database;
using GridSearch.Testing.Processes;
using Npgsql;

namespace GridSearch.Worker.Tests;

/// <summary>The supervisor's checks before it starts any slot: a real worker process, each time with one
/// thing missing that will not come by itself, says which in one line on stderr and exits non-zero at once;
/// one that will come (a migration) is waited for (<see cref="DatabaseWaitTests"/> has the rest).</summary>
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
    public async Task Start_WithAWrongPassword_PrintsOneLineAndExitsNonZero()
    {
        await using var database = await TestDatabase.CreateAsync();
        var wrong = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = "not-the-password" };
        await using var worker = WorkerProcess.Start(wrong.ConnectionString);

        var line = await ExpectOneErrorLineAsync(worker);

        Assert.Contains($"the database at Host={wrong.Host};Port={wrong.Port};Database={wrong.Database} refused this worker (28P01", line, StringComparison.Ordinal);
        Assert.Contains("GRIDSEARCH_DB", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithASchemaNewerThanTheWorker_PrintsOneLineNamingTheMigrationAndExitsNonZero()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ExecuteAsync("""INSERT INTO "__EFMigrationsHistory" (migration_id, product_version) VALUES ('29991231235959_FromALaterVersion', '10.0.0')""");
        await using var worker = WorkerProcess.Start(database.ConnectionString);

        var line = await ExpectOneErrorLineAsync(worker);

        Assert.Contains("has migrations this worker does not know (29991231235959_FromALaterVersion)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithADatabaseAMigrationBehind_WaitsNamingIt_AndStartsItsSlotsOnceItIsApplied()
    {
        await using var database = await TestDatabase.CreateAsync();
        string last;
        await using (var command = database.DataSource.CreateCommand("""SELECT max(migration_id) FROM "__EFMigrationsHistory" """))
        {
            last = (string)(await command.ExecuteScalarAsync())!;
        }

        await database.ExecuteAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE migration_id = '{last}'""");
        await using var worker = WorkerProcess.Start(database.ConnectionString);

        await worker.WaitForOutputAsync(new Regex($"Waiting for the database at .*: it lacks the migrations {last}: run make migrate"), Quickly);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(worker.HasExited, worker.Output);
        Assert.DoesNotContain("slot(s)", worker.Output, StringComparison.Ordinal);

        // As the API's migration would: the schema is the worker's, and it goes on.
        await database.ExecuteAsync($"""INSERT INTO "__EFMigrationsHistory" (migration_id, product_version) VALUES ('{last}', '10.0.0')""");
        await worker.WaitForOutputAsync(new Regex(@"The database at .* is ready after"), Quickly);
        await worker.WaitForOutputAsync(new Regex(@"Starting 1 slot\(s\)"), Quickly);
    }
}
