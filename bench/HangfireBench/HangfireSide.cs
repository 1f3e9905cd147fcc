using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;

namespace GridSearch.HangfireBench;

/// <summary>
/// Hangfire 1.8 on Hangfire.PostgreSql 1.21 with its best settings for this workload: a sliding
/// invisibility timeout equal to our lease (a fetched job is kept invisible while its worker lives,
/// and comes back that long after it dies), long polling (LISTEN/NOTIFY wake-ups) and a short poll interval.
/// </summary>
internal sealed class HangfireSide(TimeSpan lease)
{
    public PostgreSqlStorage Storage { get; } = new(
        new NpgsqlConnectionFactory(BenchTables.ConnectionString, Options(lease)),
        Options(lease));

    public static PostgreSqlStorageOptions Options(TimeSpan lease) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        InvisibilityTimeout = lease,
        UseSlidingInvisibilityTimeout = true,
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromMilliseconds(50),
    };

    /// <param name="queue">"default" for the no-op jobs; the held jobs go to a queue of their own, so they
    /// need not wait behind what the throughput runs left.</param>
    public BackgroundJobServer Server(int workers, string queue = "default") => new(
        new BackgroundJobServerOptions
        {
            WorkerCount = workers,
            Queues = [queue],
            ServerName = $"bench-{Environment.ProcessId}-{Guid.NewGuid():N}",
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
        },
        Storage);

    /// <summary>Enqueues <paramref name="count"/> no-op jobs from <paramref name="threads"/> threads; jobs/s.</summary>
    public double Enqueue(int count, int threads)
    {
        var client = new BackgroundJobClient(Storage);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => client.Enqueue(() => BenchJobs.Noop()));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Jobs succeeded per second by a server with <paramref name="workers"/> workers, measured over
    /// <paramref name="window"/> once it has started taking jobs.</summary>
    public async Task<double> ThroughputAsync(int workers, TimeSpan window)
    {
        var queued = await CountAsync("Enqueued");
        if (queued < 4000)
        {
            Enqueue(4000 - (int)queued, 8);
        }

        using var server = Server(workers);
        var start = await CountAsync("Succeeded");
        while (await CountAsync("Succeeded") == start)
        {
            await Task.Delay(20);
        }

        var before = await CountAsync("Succeeded");
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        var after = await CountAsync("Succeeded");
        var rate = (after - before) / clock.Elapsed.TotalSeconds;
        server.SendStop();
        return rate;
    }

    /// <summary>A child holding a job is SIGKILLed; seconds until another server runs the job again.</summary>
    public async Task<double> RescueAsync()
    {
        const string Tag = "hangfire-rescue";
        using var child = ChildProcess.Start("hangfire", Tag);
        EnqueueHold(Tag);
        await Until(async () => await BenchTables.RunnerAsync(Tag) == child.Id, TimeSpan.FromSeconds(60));
        using var server = Server(1, HoldQueue);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        child.Kill9();
        await Until(async () => await BenchTables.RunnerAsync(Tag, except: child.Id) == Environment.ProcessId, lease * 4);
        var seconds = clock.Elapsed.TotalSeconds;
        await BenchTables.ReleaseAsync(Environment.ProcessId);
        server.SendStop();
        return seconds;
    }

    /// <summary>
    /// A child holding a job is frozen (SIGSTOP) past the invisibility timeout, so another server takes the
    /// job and runs it; then the child is let go and its run ends first. Returns whether the child's
    /// completion was recorded (the job's state turned Succeeded while the new run still held it), and
    /// how many Succeeded states the job collected in the end.
    /// </summary>
    public async Task<(bool StaleRecorded, long SucceededStates)> FenceAsync()
    {
        const string Tag = "hangfire-fence";
        using var child = ChildProcess.Start("hangfire", Tag);
        var jobId = EnqueueHold(Tag);
        await Until(async () => await BenchTables.RunnerAsync(Tag) == child.Id, TimeSpan.FromSeconds(60));
        child.Freeze();
        using var server = Server(1, HoldQueue);
        await Until(async () => await BenchTables.RunnerAsync(Tag, except: child.Id) == Environment.ProcessId, lease * 4);

        await BenchTables.ReleaseAsync(child.Id);
        child.Thaw();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var staleRecorded = await StateAsync(jobId) == SucceededState.StateName;

        await BenchTables.ReleaseAsync(Environment.ProcessId);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var succeeded = await BenchTables.ScalarAsync<long>(
            "SELECT count(*) FROM hangfire.state WHERE jobid = @id AND name = 'Succeeded'", ("id", long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture)));
        server.SendStop();
        return (staleRecorded, succeeded);
    }

    /// <summary>The child's role: a one-worker server that runs whatever it fetches, until it is killed.</summary>
    public static void RunChild()
    {
        var side = new HangfireSide(Program.Lease);
        using var server = side.Server(1, HoldQueue);
        Thread.Sleep(Timeout.Infinite);
    }

    private const string HoldQueue = "hold";

    private string EnqueueHold(string tag) =>
        new BackgroundJobClient(Storage).Create(() => BenchJobs.Hold(tag), new EnqueuedState(HoldQueue));

    private static Task<long> CountAsync(string state) =>
        BenchTables.ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE statename = @state", ("state", state));

    private static Task<string> StateAsync(string jobId) =>
        BenchTables.ScalarAsync<string>("SELECT statename FROM hangfire.job WHERE id = @id", ("id", long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture)));

    internal static async Task Until(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds:N0} s.");
            }

            await Task.Delay(50);
        }
    }
}
