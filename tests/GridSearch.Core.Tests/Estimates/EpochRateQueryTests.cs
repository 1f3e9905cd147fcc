using System.Globalization;
using GridSearch.Core.Estimates;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Core.Tests.Queue;
using GridSearch.Core.Trials;
using GridSearch.Core.Workers;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Estimates;

/// <summary>What the estimates read from the real queue, workers table and epochs, and a search's time left.</summary>
public sealed class EpochRateQueryTests : IAsyncLifetime
{
    private static readonly TrialConfig Mlp = TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with
    {
        HiddenLayers = [100],
        Shape = LayerShape.Explicit,
        Activations = [ActivationFunction.Relu],
        BatchNorm = false,
        Dropout = 0,
        BatchSize = 128,
        Epochs = 3,
        ValSplit = 0.1,
        TrainSize = 2000,
    };

    private static readonly TrialCost Cost = ReferenceCost.Of(Mlp)!;

    private TestDatabase db = null!;
    private TrialQueue queue = null!;
    private EpochRateQuery query = null!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        queue = new TrialQueue(db.DataSource, new QueueOptions());
        query = new EpochRateQuery(db.DataSource);
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    /// <summary>A search of <paramref name="count"/> trials of <see cref="Mlp"/> (seeds told apart), queued in ordinal order.</summary>
    private async Task<long> EnqueueAsync(int count)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var searchId = await QueueTestData.InsertSearchAsync(connection, transaction);
        var trials = Enumerable.Range(0, count).Select(i => new TrialToEnqueue(
            i, TrialConfigJson.Serialize(Mlp with { Seed = i }), "hash-" + i.ToString(CultureInfo.InvariantCulture), "{}")).ToList();
        await queue.EnqueueAsync(connection, transaction, searchId, trials, default);
        await transaction.CommitAsync();
        return searchId;
    }

    private async Task EpochAsync(TrialLease lease, int number, double seconds) =>
        Assert.True(await queue.RecordEpochAsync(lease, new Epoch { TrialId = lease.TrialId, Number = number, TrainLoss = 0.5, TrainAccuracy = 0.8, ValLoss = 0.5, ValAccuracy = 0.8, LearningRate = 0.001, Seconds = seconds }, null, default));

    private async Task WorkerAsync(int slots, bool lost = false)
    {
        var id = Guid.NewGuid();
        await new WorkerRegistry(db.DataSource).HeartbeatAsync(new WorkerRegistration(id, "host", 1, slots, TrainingDevice.Cpu, "test", TimeSpan.FromSeconds(10)), default);
        if (lost)
        {
            // Two leases of 10 s unseen: lost.
            await using var command = db.DataSource.CreateCommand("UPDATE workers SET last_seen_at = now() - interval '1 minute' WHERE id = $1");
            command.Parameters.AddWithValue(id);
            await command.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Rates_CountEveryRunsEpochs_AndTheEndOfATrialFinishedInOneAttemptThatWasNotItsSlotsFirst()
    {
        var searchId = await EnqueueAsync(4);
        // Slot a's first trial of MNIST: its end also read the dataset.
        var firstOfSlot = (await queue.ClaimAsync("slot-a", default))!;
        await EpochAsync(firstOfSlot, 1, 0.2);
        Assert.True(await queue.CompleteAsync(firstOfSlot, QueueTestData.Result, null, default));
        var (whole, running, retried) = (await queue.ClaimAsync("slot-a", default), await queue.ClaimAsync("slot-b", default), await queue.ClaimAsync("slot-c", default));
        foreach (var lease in new[] { whole!, retried! })
        {
            await EpochAsync(lease, 1, 0.5);
            await EpochAsync(lease, 2, 0.6);
            Assert.True(await queue.CompleteAsync(lease, QueueTestData.Result, null, default));
        }

        await EpochAsync(running!, 1, 0.9);
        // Slot a's second took 4 s from its claim to its result; slot c's needed two attempts.
        await QueueTestData.ExecuteAsync(db, "UPDATE trials SET started_at = timestamptz '2030-01-01 00:00:00+00', finished_at = timestamptz '2030-01-01 00:00:04+00' WHERE id = @id", whole!.TrialId);
        await QueueTestData.ExecuteAsync(db, "UPDATE trials SET attempts = 2 WHERE id = @id", retried!.TrialId);

        var runs = (await query.RatesAsync(default)).Runs;

        Assert.Equal(4, runs.Count);
        var size = Cost.SizeClass;
        // Running first, then by when they finished: slot a's second finished in 2030. Its end: 4 s less its
        // epochs' 1.1 s.
        Assert.Equal(new MeasuredRun(searchId, Dataset.Mnist, ModelFamily.Mlp, size, 1, 0.9, Cost.EpochSeconds), runs[0]);
        Assert.Equal((searchId, 2, 0.5 + 0.6, 2 * Cost.EpochSeconds), (runs[1].SearchId, runs[1].Epochs, runs[1].EpochSeconds, runs[1].EpochReferenceSeconds));
        Assert.Equal(4.0 - (0.5 + 0.6), runs[1].EndSeconds!.Value, 9);
        Assert.Equal(Cost.EndSeconds, runs[1].EndReferenceSeconds);
        Assert.Equal((2, 0.5 + 0.6, 2 * Cost.EpochSeconds, null, null), (runs[2].Epochs, runs[2].EpochSeconds, runs[2].EpochReferenceSeconds, runs[2].EndSeconds, runs[2].EndReferenceSeconds));
        Assert.Equal((1, 0.2, Cost.EpochSeconds, null, null), (runs[3].Epochs, runs[3].EpochSeconds, runs[3].EpochReferenceSeconds, runs[3].EndSeconds, runs[3].EndReferenceSeconds));
    }

    [Fact]
    public async Task QueueState_CountsTheLiveWorkersSlots_TheRunningTrials_AndTheQueueInClaimOrder()
    {
        await WorkerAsync(2);
        await WorkerAsync(3, lost: true);
        var first = await EnqueueAsync(3);
        var second = await EnqueueAsync(2);
        var lease = (await queue.ClaimAsync("slot-a", default))!;
        await EpochAsync(lease, 1, 0.5);

        var all = await query.QueueStateAsync(upToSearch: null, default);
        var upToFirst = await query.QueueStateAsync(first, default);
        var upToSecond = await query.QueueStateAsync(second, default);

        Assert.Equal((2, 2, 1), (all.LiveSlots, all.Slots, all.FreeSlots));
        var running = Assert.Single(all.Running);
        Assert.Equal((first, 1), (running.SearchId, running.EpochsDone));
        Assert.Equal(Cost.Epochs - 1, running.EpochsLeft);
        Assert.Equal([first, first, second, second], all.Queued.Select(t => t.SearchId));
        Assert.Equal(Cost, all.Queued[0].Cost);
        // Trials queued behind a search's last one never delay it.
        Assert.Equal([first, first], upToFirst.Queued.Select(t => t.SearchId));
        Assert.Equal(4, upToSecond.Queued.Count);
    }

    [Fact]
    public async Task SearchProgress_WithNoOtherRuns_BlendsTheReferenceWithItsFirstEpoch_OnItsOneSlot()
    {
        await WorkerAsync(1);
        var searchId = await EnqueueAsync(2);
        var lease = (await queue.ClaimAsync("slot-a", default))!;
        // Its first epoch takes twice the reference's time.
        await EpochAsync(lease, 1, 2 * Cost.EpochSeconds);

        var progress = await query.SearchProgressAsync(searchId, default);

        Assert.Equal((1, 6), (progress.Done, progress.Planned));
        // The plan (the reference, 1×, counted as 3 epochs) blended with its 1 epoch at 2×: 1.25× for epochs; no
        // trial has ended, so ends stay at the plan's 1×. On its one slot: the running trial's 2 epochs and end,
        // then the queued trial's 3 epochs and end.
        var factor = ((3 * 1.0) + (1 * 2.0)) / 4;
        Assert.Equal((factor * 5 * Cost.EpochSeconds) + (2 * Cost.EndSeconds), progress.SecondsLeft!.Value, 9);
        Assert.Equal(0, progress.EstimatedSecondsLeft(over: true));
    }

    [Fact]
    public async Task SearchProgress_BeforeItsFirstEpoch_IsThePlanAtTheOtherSearchesRate_OnTheFreeSlots()
    {
        await WorkerAsync(2);
        var earlier = await EnqueueAsync(1);
        var lease = (await queue.ClaimAsync("slot-a", default))!;
        await EpochAsync(lease, 1, 3 * Cost.EpochSeconds);
        var searchId = await EnqueueAsync(2);

        var progress = await query.SearchProgressAsync(searchId, default);

        // The earlier search's trial runs its epochs at 3× (its end, unmeasured, at the same rate) on one slot; the
        // new search's two trials take the free slot, then the busy one: the first on the free slot (3·(3E + end)),
        // the second on the slot the earlier trial frees at 3·(2E + end), before the first ends.
        Assert.Equal((0, 6), (progress.Done, progress.Planned));
        Assert.NotEqual(earlier, searchId);
        var trial = 3 * ((3 * Cost.EpochSeconds) + Cost.EndSeconds);
        var earlierLeft = 3 * ((2 * Cost.EpochSeconds) + Cost.EndSeconds);
        Assert.Equal(Math.Max(trial, earlierLeft + trial), progress.SecondsLeft!.Value, 9);
    }
}
