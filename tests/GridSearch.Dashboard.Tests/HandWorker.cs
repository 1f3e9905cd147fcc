using System.Text.Json;
using System.Text.Json.Nodes;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;

namespace GridSearch.Dashboard.Tests;

/// <summary>
/// Plays a worker through the real queue (claim, record an epoch, complete) with results the test
/// chooses, where a test needs exact metrics (ties, pruned trials, repeats) that training cannot promise.
/// Only for a search no real worker is running on: the tests of the collection run one at a time.
/// </summary>
public sealed class HandWorker(DashboardHost host)
{
    private readonly TrialQueue queue = new(host.Database.DataSource, new QueueOptions());

    /// <summary>Claims the next queued trial, which must be of <paramref name="searchId"/>, and completes it.</summary>
    public Task<long> FinishNextAsync(long searchId, double accuracy, string stopReason = StopReason.Completed) =>
        FinishNextAsync(searchId, _ => accuracy, stopReason);

    /// <summary>The same, with the accuracy <paramref name="accuracyOf"/> gives the claimed trial's id.</summary>
    public async Task<long> FinishNextAsync(long searchId, Func<long, double> accuracyOf, string stopReason = StopReason.Completed)
    {
        ArgumentNullException.ThrowIfNull(accuracyOf);
        await using var lease = await queue.ClaimAsync("hand-worker", CancellationToken.None)
            ?? throw new InvalidOperationException($"Search {searchId} has no queued trial.");
        Assert.Equal(searchId, lease.SearchId);
        var accuracy = accuracyOf(lease.TrialId);
        var loss = 1 - accuracy;
        await queue.RecordEpochAsync(
            lease,
            new Epoch { TrialId = lease.TrialId, Number = 1, TrainLoss = loss, TrainAccuracy = accuracy, ValLoss = loss, ValAccuracy = accuracy, LearningRate = 0.001, Seconds = 1 },
            checkpoint: null,
            CancellationToken.None);
        Assert.True(await queue.CompleteAsync(lease, new TrialResult(accuracy, loss, accuracy, loss, 1, stopReason, 1234, [[5, 0], [1, 4]]), model: null, CancellationToken.None));
        return lease.TrialId;
    }

    /// <summary>
    /// Queues <paramref name="more"/> more repeats of each of the search's <paramref name="trials"/> (as the API
    /// lists them) through the queue's enqueue path: the same grid point, its config with seed + r.
    /// </summary>
    public async Task AddRepeatsAsync(long searchId, IReadOnlyList<JsonElement> trials, int more)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var ordinal = trials.Max(t => t.GetProperty("ordinal").GetInt32());
        var repeats = new List<TrialToEnqueue>();
        foreach (var trial in trials)
        {
            for (var r = 1; r <= more; r++)
            {
                var config = JsonNode.Parse(trial.GetProperty("config").GetRawText())!.AsObject();
                config["seed"] = config["seed"]!.GetValue<long>() + r;
                var json = config.ToJsonString();
                repeats.Add(new TrialToEnqueue(++ordinal, json, ConfigHash.Compute(json), trial.GetProperty("gridPoint").GetRawText()));
            }
        }

        await using var connection = await host.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.True(await queue.AddToSearchAsync(connection, transaction, searchId, repeats, CancellationToken.None));
        await transaction.CommitAsync();
    }
}
