using GridSearch.Testing;
using GridSearch.Testing.Database;
using GridSearch.Testing.Processes;
using GridSearch.Training.Native;

namespace GridSearch.Worker.Tests.Supervision;

/// <summary>
/// What a slot process reads once, as it starts (OpenBLAS's and OpenMP's threads, glibc's allocator
/// settings), must be in its environment from the start: read back from /proc for each slot of a real
/// worker.
/// </summary>
public sealed class SlotEnvironmentTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SlotProcesses_StartWithTheThreadAndAllocatorSettings()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var worker = WorkerProcess.Start(database.ConnectionString, slots: 2);
        var slots = Array.Empty<int>();

        await Eventually.HoldsAsync(() => Task.FromResult((slots = ChildrenOf(worker.Id)).Length == 2), Patience, () => worker.Output);

        Assert.NotEmpty(NativeRuntime.AllocatorEnvironment);
        foreach (var slot in slots)
        {
            var environment = EnvironmentOf(slot);
            Assert.True(int.TryParse(environment.GetValueOrDefault("OMP_NUM_THREADS"), out var threads) && threads >= 1, $"slot {slot}: OMP_NUM_THREADS");
            Assert.Equal(environment["OMP_NUM_THREADS"], environment.GetValueOrDefault("OPENBLAS_NUM_THREADS"));
            foreach (var (name, value) in NativeRuntime.AllocatorEnvironment)
            {
                Assert.Equal(value, environment.GetValueOrDefault(name));
            }
        }
    }

    // Field 4 of /proc/<pid>/stat is the parent's pid; the command name before it may hold spaces.
    private static int[] ChildrenOf(int parent) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => (Pid: int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture), Stat: ReadOrEmpty($"/proc/{name}/stat")))
            .Where(p => p.Stat.Length > 0 && p.Stat[(p.Stat.LastIndexOf(')') + 2)..].Split(' ')[1] == parent.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(p => p.Pid)];

    private static Dictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);

    // A process may end between listing /proc and reading it.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
