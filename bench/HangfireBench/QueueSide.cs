using System.Diagnostics;
using System.Globalization;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.QueueBench;
using Npgsql;

namespace GridSearch.HangfireBench;

/// <summary>The same workload through this project's queue (the trials table), with the lease Hangfire's
/// invisibility timeout is set to, on the data source the workers use.</summary>
internal sealed class QueueSide(NpgsqlDataSource dataSource, TimeSpan lease) : IAsyncDisposable
{
    private static readonly TrialResult Result = new(0.97, 0.1, 0.96, 0.12, 7, StopReason.Completed, 101_770, [[98, 2], [3, 97]]);
    private readonly List<long> searches = [];

    public TrialQueue Queue { get; } = new(dataSource, new QueueOptions { LeaseDuration = lease });

    private QueueNotifications Notifications { get; } = new(dataSource, new QueueOptions { LeaseDuration = lease });

    /// <summary>Enqueues a search of <paramref name="count"/> trials (one binary COPY); trials/s.</summary>
    public async Task<double> EnqueueAsync(int count)
    {
        var trials = Enumerable.Range(0, count)
            .Select(i => new TrialToEnqueue(i, "{\"seed\": " + i.ToString(CultureInfo.InvariantCulture) + "}", "h" + i.ToString(CultureInfo.InvariantCulture), "{}"))
            .ToArray();
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(
            "INSERT INTO searches (name, dataset, model, definition, trial_count, created_at) VALUES ('bench', 'mnist', 'mlp', '{}', @count, now()) RETURNING id",
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("count", count);
            searches.Add((long)(await command.ExecuteScalarAsync())!);
        }

        await Queue.EnqueueAsync(connection, transaction, searches[^1], trials, default);
        await transaction.CommitAsync();
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>What a worker slot sends the queue per trial: claim, one epoch row, complete with a small model.</summary>
    public SlotCycle Cycle => new(Queue, epochs: 1, modelBytes: 4096);

    /// <summary>Trials claimed and completed per second by <paramref name="workers"/> loops, each trial through
    /// a worker slot's calls (<see cref="Cycle"/>).</summary>
    public async Task<double> ThroughputAsync(int workers, TimeSpan window)
    {
        if (await QueuedAsync() < 50_000)
        {
            await EnqueueAsync(100_000);
        }

        var cycle = Cycle;
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(n => Task.Run(async () =>
        {
            var worker = "bench-" + n.ToString(CultureInfo.InvariantCulture);
            var done = 0;
            while (clock.Elapsed < window && await cycle.ClaimAsync(worker, default) is { } claimed)
            {
                await cycle.FinishAsync(claimed, default);
                done++;
            }

            return done;
        })));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Cancels what the throughput runs left queued, so the next claim takes the bench's own trial.</summary>
    public async Task DrainAsync()
    {
        foreach (var search in searches)
        {
            await Queue.CancelSearchAsync(search, default);
        }
    }

    /// <summary>A child holding a trial is SIGKILLed; seconds until this process's slot claims it again. The slot
    /// does what a worker slot does: sweeps for expired leases once per lease length, and waits for work on
    /// the queue's NOTIFY, polling every second.</summary>
    public async Task<double> RescueAsync()
    {
        const string Tag = "queue-rescue";
        await DrainAsync();
        using var child = ChildProcess.Start("queue", Tag);
        await EnqueueAsync(1);
        await HangfireSide.Until(async () => await BenchTables.RunnerAsync(Tag) == child.Id, TimeSpan.FromSeconds(60));
        using var stop = new CancellationTokenSource();
        var slot = SlotAsync(stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        child.Kill9();
        var rescued = await slot.WaitAsync(lease * 4);
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        Check(await Queue.CompleteAsync(rescued, Result, model: null, default));
        return seconds;
    }

    /// <summary>A child holding a trial is frozen past its lease; this process rescues and claims the trial;
    /// the child is let go and records its result. Returns whether the child's completion was recorded,
    /// and whether the new lease's was.</summary>
    public async Task<(bool StaleRecorded, bool CurrentRecorded)> FenceAsync()
    {
        const string Tag = "queue-fence";
        await DrainAsync();
        using var child = ChildProcess.Start("queue", Tag);
        await EnqueueAsync(1);
        await HangfireSide.Until(async () => await BenchTables.RunnerAsync(Tag) == child.Id, TimeSpan.FromSeconds(60));
        child.Freeze();
        using var stop = new CancellationTokenSource();
        var current = await SlotAsync(stop.Token).WaitAsync(lease * 4);

        await BenchTables.ReleaseAsync(child.Id);
        child.Thaw();
        await HangfireSide.Until(async () => await BenchTables.OutcomeOfAsync(Tag, child.Id) is not null, TimeSpan.FromSeconds(30));
        var staleRecorded = (await BenchTables.OutcomeOfAsync(Tag, child.Id))!.Value;
        var currentRecorded = await Queue.CompleteAsync(current, Result, model: null, default);
        return (staleRecorded, currentRecorded);
    }

    /// <summary>The child's role: claim one trial, heartbeat it until released, then record it, and say
    /// whether that was recorded (it was not when the lease moved on while the child was frozen).</summary>
    public static async Task RunChildAsync(string tag)
    {
        await using var source = GridSearchDataSource.Create(BenchTables.ConnectionString);
        var queue = new TrialQueue(source, new QueueOptions { LeaseDuration = Program.Lease });
        var pid = Environment.ProcessId;
        TrialLease? lease;
        while ((lease = await queue.ClaimAsync("child-" + pid.ToString(CultureInfo.InvariantCulture), default)) is null)
        {
            await Task.Delay(50);
        }

        await BenchTables.StartedAsync(tag, pid);
        var beat = Stopwatch.StartNew();
        while (!await BenchTables.IsReleasedAsync(pid))
        {
            await Task.Delay(100);
            if (beat.Elapsed >= Program.Lease / 3)
            {
                // A worker that missed the lost lease carries on (its heartbeat's answer is what it missed).
                await queue.HeartbeatAsync(lease, default);
                beat.Restart();
            }
        }

        await BenchTables.OutcomeAsync(tag, pid, await queue.CompleteAsync(lease, Result, model: null, default));
    }

    public async ValueTask DisposeAsync() => await dataSource.DisposeAsync();

    // A worker slot in miniature: claim; when nothing is available, wait for the NOTIFY (or poll);
    // the rescuer sweeps once per lease length from when the slot starts.
    private async Task<TrialLease> SlotAsync(CancellationToken ct)
    {
        var sweep = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (sweep.Elapsed >= lease)
            {
                await Queue.RescueExpiredAsync(ct);
                sweep.Restart();
            }

            if (await Queue.ClaimAsync("parent-slot", ct) is { } claimed)
            {
                return claimed;
            }

            await Notifications.WaitForWorkAsync(TimeSpan.FromSeconds(1), ct);
        }
    }

    private async Task<long> QueuedAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM trials WHERE status = 'queued'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Check(bool recorded)
    {
        if (!recorded)
        {
            throw new InvalidOperationException("A completion was refused: a lease was lost.");
        }
    }
}
