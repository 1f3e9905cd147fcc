using GridSearch.Testing;
using GridSearch.Testing.Database;
using GridSearch.Testing.Processes;
using GridSearch.Worker.Supervision;

namespace GridSearch.Worker.Tests.Supervision;

/// <summary>The container healthcheck's two halves: a running worker keeps its health file fresh, and
/// `--health`, a process of its own, answers 0 while it does and 1 once the worker has stopped (a stop
/// removes the file; a killed worker's goes stale).</summary>
public sealed class HealthBeatTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Health_WhileTheWorkerRuns_Exits0_AndOnceItStopped_Exits1()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("gridsearch-health-").FullName, "alive");
        var environment = new Dictionary<string, string> { ["Worker__HealthFile"] = file };
        await using var worker = WorkerProcess.Start(database.ConnectionString, environment: environment);
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(file)), Patience, () => worker.Output);

        Assert.Equal(0, await ProbeAsync(environment));
        worker.Signal(DotnetProcess.SigTerm);
        Assert.True(await worker.WaitForExitAsync(Patience), worker.Output);
        Assert.Equal(1, await ProbeAsync(environment));
    }

    [Fact]
    public void Check_OfAFileOlderThanThreeBeats_IsUnhealthy()
    {
        var file = Path.GetTempFileName();
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - HealthBeat.FreshFor - TimeSpan.FromSeconds(5));
        using var output = new StringWriter();

        Assert.Equal(1, HealthBeat.Check(file, output));
        Assert.Contains("last touched", output.ToString(), StringComparison.Ordinal);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
        Assert.Equal(0, HealthBeat.Check(file, TextWriter.Null));
    }

    private static async Task<int> ProbeAsync(IReadOnlyDictionary<string, string> environment)
    {
        await using var probe = DotnetProcess.Start("health", WorkerProcess.AssemblyPath, ["--health"], environment);
        Assert.True(await probe.WaitForExitAsync(Patience), probe.Output);
        return probe.ExitCode;
    }
}
