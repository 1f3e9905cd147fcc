using System.Globalization;
using System.Text.Json.Nodes;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;

namespace GridSearch.Testing.Api;

/// <summary>Repeats of a submitted search's configurations, added through the queue's enqueue path as a search
/// with repeats queues them (the same grid point, the seed raised by the repeat), and finished as a worker would.</summary>
public static class SearchRepeats
{
    /// <summary>Adds <paramref name="repeats"/> − 1 trials to each queued trial's grid point.</summary>
    public static async Task AddAsync(ApiHost api, long searchId, int repeats)
    {
        ArgumentNullException.ThrowIfNull(api);
        var existing = new List<(int Ordinal, string Config, string GridPoint)>();
        await using (var read = api.Database.DataSource.CreateCommand("SELECT ordinal, config::text, grid_point::text FROM trials WHERE search_id = @search ORDER BY ordinal"))
        {
            read.Parameters.AddWithValue("search", searchId);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                existing.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var next = existing.Max(t => t.Ordinal) + 1;
        var added = new List<TrialToEnqueue>();
        foreach (var (_, configJson, gridPoint) in existing)
        {
            for (var r = 1; r < repeats; r++)
            {
                var config = JsonNode.Parse(configJson)!.AsObject();
                config["seed"] = (config["seed"]?.GetValue<long>() ?? 0) + r;
                added.Add(new TrialToEnqueue(next, config.ToJsonString(), $"repeat-{searchId}-{next.ToString(CultureInfo.InvariantCulture)}", gridPoint));
                next++;
            }
        }

        await using var connection = await api.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await api.Queue.AddToSearchAsync(connection, transaction, searchId, added, CancellationToken.None))
        {
            throw new InvalidOperationException($"Search {searchId} takes no more trials.");
        }

        await transaction.CommitAsync();
    }

    /// <summary>Finishes every queued trial with the next test accuracy listed for its grid point (its JSON as
    /// PostgreSQL prints it, e.g. <c>{"width": 10}</c>); the loss is 1 − accuracy. Returns each grid point's trial ids in finishing order.</summary>
    public static async Task<IReadOnlyDictionary<string, List<long>>> FinishAllAsync(ApiHost api, IReadOnlyDictionary<string, double[]> accuracies)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(accuracies);
        var finished = accuracies.Keys.ToDictionary(k => k, _ => new List<long>(), StringComparer.Ordinal);
        while (await api.Queue.ClaimAsync("test-worker", CancellationToken.None) is { } lease)
        {
            await using var read = api.Database.DataSource.CreateCommand("SELECT grid_point::text FROM trials WHERE id = @id");
            read.Parameters.AddWithValue("id", lease.TrialId);
            var gridPoint = (string)(await read.ExecuteScalarAsync())!;
            var accuracy = accuracies[gridPoint][finished[gridPoint].Count];
            finished[gridPoint].Add(lease.TrialId);
            var result = new TrialResult(accuracy, 1 - accuracy, accuracy, 1 - accuracy, 1, StopReason.Completed, 1000, [[1]]);
            await api.Queue.RecordEpochAsync(lease, new Epoch { TrialId = lease.TrialId, Number = 1, TrainLoss = 0.3, TrainAccuracy = accuracy, ValLoss = 0.2, ValAccuracy = accuracy, LearningRate = 0.001, Seconds = 1 }, checkpoint: null, CancellationToken.None);
            await api.Queue.CompleteAsync(lease, result, model: null, CancellationToken.None);
        }

        return finished;
    }
}
