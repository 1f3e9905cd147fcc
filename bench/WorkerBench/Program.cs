using System.Globalization;
using GridSearch.Bench;
using Npgsql;

// Runs the seed's MNIST grid (depth 2, 3, 4 × width 50, 100, 200, 400, ReLU, Adam, batch 128,
// 2 epochs: 12 trials) through the real API and a real worker, once with 1 slot and once with 2,
// each on a fresh database, and prints wall time, trials per hour and the service's overhead.
const string Grid = """
    { "name": "bench-mnist-depth-width", "dataset": "mnist", "model": "mlp", "seed": 42,
      "grid":  { "depth": [2, 3, 4], "width": [50, 100, 200, 400], "activation": ["relu"] },
      "fixed": { "optimizer": "adam", "learningRate": 0.001, "batchSize": 128, "epochs": 2, "valSplit": 0.1 } }
    """;

var slotCounts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 2];
var rows = new List<string>();
foreach (var slots in slotCounts)
{
    rows.Add(await RunAsync(slots));
}

Console.WriteLine();
Console.WriteLine("slots | trials | wall s | trials/hour | epoch s (sum) | in-trial overhead s/trial | service overhead s/trial");
Console.WriteLine("----- | ------ | ------ | ----------- | ------------- | ------------------------- | ------------------------");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine("in-trial overhead: a trial's start-to-finish time minus its epochs (data split, model setup, test evaluation, database writes).");
Console.WriteLine("service overhead: (wall × slots − Σ epoch seconds) / trials: everything not spent in training epochs, idle slots included.");

async Task<string> RunAsync(int slots)
{
    var database = $"gridsearch_bench_worker_{slots}";
    var (connection, _, wall) = await BenchServices.RunSearchAsync(database, 5300 + slots, Grid, slots);

    await using var dataSource = NpgsqlDataSource.Create(connection);
    await using var command = dataSource.CreateCommand("""
        SELECT count(*), (SELECT sum(seconds) FROM epochs),
               sum(extract(epoch FROM finished_at - started_at)),
               count(*) FILTER (WHERE status = 'succeeded')
        FROM trials
        """);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    var trials = reader.GetInt64(0);
    var epochSeconds = reader.GetDouble(1);
    var trialSeconds = reader.GetDouble(2);
    var succeeded = reader.GetInt64(3);
    await reader.DisposeAsync();
    await dataSource.DisposeAsync();
    await BenchServices.DropDatabaseAsync(database);

    if (succeeded != trials)
    {
        throw new InvalidOperationException($"{trials - succeeded} of {trials} trials did not succeed.");
    }

    return string.Create(CultureInfo.InvariantCulture,
        $"{slots,5} | {trials,6} | {wall,6:F1} | {trials / wall * 3600,11:F0} | {epochSeconds,13:F1} | {(trialSeconds - epochSeconds) / trials,25:F2} | {((wall * slots) - epochSeconds) / trials,24:F2}");
}
