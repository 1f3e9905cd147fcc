using System.Collections.Concurrent;
using GridSearch.Core.Queue;
using GridSearch.Domain.Machines;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Queue;

public sealed class ClaimTests
{
    [Fact]
    public async Task Claim_ByEightConcurrentClaimers_TakesEachOf1000TrialsExactlyOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 1000);
        var claimed = new ConcurrentBag<long>();

        var claimers = Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            while (await queue.ClaimAsync("worker-" + n, default) is { } lease)
            {
                claimed.Add(lease.TrialId);
                Assert.True(await queue.CompleteAsync(lease, QueueTestData.Result, model: null, default));
            }
        }));
        await Task.WhenAll(claimers);

        Assert.Equal(1000, claimed.Count);
        Assert.Equal(1000, claimed.Distinct().Count());
        Assert.Equal(1000, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'succeeded' AND attempts = 1", searchId));
    }

    [Fact]
    public async Task Claim_LeasesTheOldestQueuedTrialToTheWorker_AndCountsTheAttempt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions { LeaseDuration = TimeSpan.FromSeconds(30) });
        var searchId = await QueueTestData.EnqueueSearchAsync(db, queue, 3);

        var lease = await queue.ClaimAsync("worker-a", default);

        Assert.NotNull(lease);
        Assert.Equal(searchId, lease.SearchId);
        Assert.Equal(1, lease.Attempt);
        Assert.Equal("hash-0", lease.ConfigHash);
        Assert.Equal("""{"learningRate": 0}""", lease.ConfigJson);
        Assert.Equal("running", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "status"));
        Assert.Equal("worker-a", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "worker"));
        Assert.Equal(lease.Token, await QueueTestData.TrialColumnAsync<Guid>(db, lease.TrialId, "lease_token"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, lease.TrialId, "started_at IS NOT NULL"));
        var leaseSeconds = await QueueTestData.TrialColumnAsync<double>(db, lease.TrialId, "extract(epoch FROM lease_expires_at - now())::float8");
        Assert.InRange(leaseSeconds, 25, 30);
    }

    [Fact]
    public async Task Claim_WithAMachine_RecordsItOnTheTrial_AndAClaimWithoutOneClearsIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var machine = new TrialMachine
        {
            CpuModel = "Test CPU", CpuFeatures = ["avx2"], CpuCapability = "AVX2", TorchVersion = "1.13.0",
            Blas = "generic", Lapack = "generic", BlasLibrary = "OpenBLAS 0.3.21", Device = "cpu", Threads = 4,
        };

        var lease = await queue.ClaimAsync("worker-a", machine, default);
        Assert.NotNull(lease);
        var stored = TrialMachine.FromJson(await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "machine::text"));
        Assert.Equal(machine with { CpuFeatures = stored.CpuFeatures }, stored);
        Assert.Equal(["avx2"], stored.CpuFeatures);

        // Handed back and claimed by a worker that does not say where it trains: the old machine is not kept.
        Assert.True(await queue.ReleaseAsync(lease, default));
        var again = await queue.ClaimAsync("worker-b", default);
        Assert.NotNull(again);
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, again.TrialId, "machine IS NULL"));
    }

    [Fact]
    public async Task Claim_WhenNothingIsQueued_ReturnsNull()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var lease = await queue.ClaimAsync("worker-a", default);
        Assert.Null(lease);
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        Assert.NotNull(await queue.ClaimAsync("worker-a", default));
        Assert.Null(await queue.ClaimAsync("worker-a", default));
    }

    [Fact]
    public async Task Claim_OfATrialHandedBack_ComesBeforeALaterSearchsTrials()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        await using var first = (await queue.ClaimAsync("worker-a", default))!;
        var later = await QueueTestData.EnqueueSearchAsync(db, queue, 3);

        Assert.True(await first.HandBackAsync());
        await using var next = await queue.ClaimAsync("worker-b", default);

        Assert.Equal(first.TrialId, next?.TrialId);
        Assert.Equal(3, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'queued'", later));
    }

    [Fact]
    public async Task Claim_OfATrialRescuedFromADeadWorker_ComesBeforeALaterSearchsTrials()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var first = (await queue.ClaimAsync("worker-a", default))!;
        var later = await QueueTestData.EnqueueSearchAsync(db, queue, 3);
        await QueueTestData.ExpireLeaseAsync(db, first.TrialId);

        Assert.Equal(1, await queue.RescueExpiredAsync(default));
        await using var next = await queue.ClaimAsync("worker-b", default);

        Assert.Equal(first.TrialId, next?.TrialId);
        Assert.Equal(3, await QueueTestData.CountAsync(db, "SELECT count(*) FROM trials WHERE search_id = @id AND status = 'queued'", later));
    }

    [Fact]
    public async Task Complete_StoresTheResultOnce_AndRefusesARepeat()
    {
        await using var db = await TestDatabase.CreateAsync();
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        await QueueTestData.EnqueueSearchAsync(db, queue, 1);
        var lease = (await queue.ClaimAsync("worker-a", default))!;

        Assert.True(await queue.CompleteAsync(lease, QueueTestData.Result, model: null, default));
        Assert.False(await queue.CompleteAsync(lease, QueueTestData.Result with { TestAccuracy = 0.1 }, model: null, default));

        Assert.Equal("succeeded", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "status"));
        Assert.Equal(0.91, await QueueTestData.TrialColumnAsync<double>(db, lease.TrialId, "test_accuracy"));
        Assert.Equal(0.3, await QueueTestData.TrialColumnAsync<double>(db, lease.TrialId, "val_loss"));
        Assert.Equal(101_770L, await QueueTestData.TrialColumnAsync<long>(db, lease.TrialId, "parameter_count"));
        Assert.Equal("completed", await QueueTestData.TrialColumnAsync<string>(db, lease.TrialId, "stop_reason"));
        Assert.Equal(45, await QueueTestData.TrialColumnAsync<int>(db, lease.TrialId, "(confusion_matrix -> 1 ->> 1)::int"));
        Assert.True(await QueueTestData.TrialColumnAsync<bool>(db, lease.TrialId, "finished_at IS NOT NULL AND lease_token IS NULL"));
    }
}
