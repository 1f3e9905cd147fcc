using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;

namespace GridSearch.Testing.Api;

/// <summary>Finishes the repeats of a submitted search's configurations (a definition with <c>repeats</c>) as a worker would.</summary>
public static class SearchRepeats
{
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
