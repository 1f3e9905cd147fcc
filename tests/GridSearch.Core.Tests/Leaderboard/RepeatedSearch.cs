using System.Globalization;
using GridSearch.Core.Queue;
using GridSearch.Core.Tests.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Database;
using Npgsql;

namespace GridSearch.Core.Tests.Leaderboard;

/// <summary>A search whose configurations (grid points of one axis, width) each ran several times, one seed a
/// repeat, queued through the queue's enqueue path and finished through it as a worker would.</summary>
internal static class RepeatedSearch
{
    /// <summary>One configuration: its width and the test accuracy each repeat finishes with (null: the repeat
    /// fails; a negative value: it is pruned at that accuracy's absolute value).</summary>
    public sealed record Configuration(int Width, params double?[] Accuracies);

    /// <summary>The search id and, per configuration, its repeats' trial ids in repeat order.</summary>
    public static async Task<(long SearchId, IReadOnlyList<IReadOnlyList<long>> Trials)> RunAsync(TestDatabase db, params Configuration[] configurations)
    {
        var queue = new TrialQueue(db.DataSource, new QueueOptions());
        var widths = string.Join(", ", configurations.Select(c => c.Width.ToString(CultureInfo.InvariantCulture)));
        var definition = $$$"""{"name": "repeated", "dataset": "mnist", "model": "mlp", "grid": {"width": [{{{widths}}}]}}""";
        var planned = configurations
            .SelectMany((c, i) => c.Accuracies.Select((accuracy, repeat) => (Config: i, Repeat: repeat, c.Width, Accuracy: accuracy)))
            .ToList();
        long searchId;
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO searches (name, dataset, model, definition, trial_count, created_at) VALUES ('repeated', 'mnist', 'mlp', @definition::jsonb, @count, now()) RETURNING id",
                connection,
                transaction))
            {
                insert.Parameters.AddWithValue("definition", definition);
                insert.Parameters.AddWithValue("count", planned.Count);
                searchId = (long)(await insert.ExecuteScalarAsync())!;
            }

            await queue.EnqueueAsync(connection, transaction, searchId, [.. planned.Select((p, ordinal) => new TrialToEnqueue(
                ordinal,
                string.Create(CultureInfo.InvariantCulture, $$"""{"width": {{p.Width}}, "seed": {{42 + p.Repeat}}}"""),
                $"hash-{searchId}-{ordinal}",
                string.Create(CultureInfo.InvariantCulture, $$"""{"width": {{p.Width}}}"""),
                Repeat: p.Repeat))], default);
            await transaction.CommitAsync();
        }

        var trials = configurations.Select(c => new long[c.Accuracies.Length]).ToArray();
        while (await queue.ClaimAsync("worker", default) is { } lease)
        {
            var p = planned[await QueueTestData.TrialColumnAsync<int>(db, lease.TrialId, "ordinal")];
            trials[p.Config][p.Repeat] = lease.TrialId;
            if (p.Accuracy is not { } accuracy)
            {
                await queue.FailAsync(lease, "failed on purpose", default);
                continue;
            }

            var result = new TrialResult(Math.Abs(accuracy), 1 - Math.Abs(accuracy), null, null, 1, accuracy < 0 ? StopReason.Pruned : StopReason.Completed, 1000, [[1]]);
            Assert.True(await queue.CompleteAsync(lease, result, model: null, default));
        }

        return (searchId, trials);
    }
}
