namespace GridSearch.HangfireBench;

/// <summary>The jobs Hangfire runs: a no-op, and one that records which process runs it and holds until
/// the parent releases that process (so the parent can kill, freeze or race the worker that holds it).</summary>
public static class BenchJobs
{
    public static void Noop()
    {
    }

    public static void Hold(string tag)
    {
        var pid = Environment.ProcessId;
        BenchTables.StartedAsync(tag, pid).GetAwaiter().GetResult();
        while (!BenchTables.IsReleasedAsync(pid).GetAwaiter().GetResult())
        {
            Thread.Sleep(100);
        }
    }
}
