using System.Globalization;
using GridSearch.Bench;
using Npgsql;

// Runs the seed's depth × width grid (depth 1–4 × width 50, 100, 200, 300, 400, 500, ReLU, Adam, batch 128,
// 20 epochs, no early stopping) four ways through the real API, queue and worker, each on a fresh database:
// the full grid, a random third of it, the median pruner and ASHA. For each it prints the epochs trained, the
// wall time, the best test accuracy found and where that configuration ranks in the full grid. Training is
// seeded, so a configuration trained by two ways gets the same result in both.
// Then the full grid is submitted again to the same database with no worker running: the result cache must
// answer every trial (cachedFrom set, no claim) and the search complete on its own.
// --quick: 3,000 training images and 9 epochs (ASHA's rungs 1, 3, 9 still apply); --slots N (2).
var quick = args.Contains("--quick");
var slotsAt = Array.IndexOf(args, "--slots");
var slots = slotsAt >= 0 ? int.Parse(args[slotsAt + 1], CultureInfo.InvariantCulture) : 2;
var epochs = quick ? 9 : 20;
var trainSize = quick ? """, "trainSize": 3000""" : "";

(string Name, string Part)[] ways =
[
    ("full grid", ""),
    ("random 1/3", """ "strategy": { "kind": "random", "fraction": 0.3333 }, """),
    ("median", """ "pruner": { "kind": "median", "minEpochs": 2 }, """),
    ("asha", """ "pruner": { "kind": "asha", "minEpochs": 1, "reductionFactor": 3 }, """),
];

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"depth 1-4 × width 50-500 (24 trials), {epochs} epochs{(quick ? ", 3,000 training images (--quick)" : ", all 54,000 training images")}, {slots} slots"));
var results = new List<WayResult>();
foreach (var (name, part) in ways)
{
    var definition = $$"""
        { "name": "bench-cost", "dataset": "mnist", "model": "mlp", "seed": 42, {{part}}
          "grid": { "depth": [1, 2, 3, 4], "width": [50, 100, 200, 300, 400, 500] },
          "fixed": { "activation": "relu", "optimizer": "adam", "learningRate": 0.001, "batchSize": 128,
                     "epochs": {{epochs}}, "valSplit": 0.1{{trainSize}} } }
        """;
    results.Add(await RunAsync(name, definition, 5400 + results.Count, rerun: results.Count == 0));
}

var full = results[0];
var fullRanks = full.Trials.OrderByDescending(t => t.TestAccuracy).Select(t => t.GridPoint).ToList();
Console.WriteLine();
Console.WriteLine("way        | trials | epochs | of full | wall s | best test acc | best configuration        | rank in full grid | gap to full best");
Console.WriteLine("---------- | ------ | ------ | ------- | ------ | ------------- | ------------------------- | ----------------- | ----------------");
foreach (var way in results)
{
    var best = way.Best;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{way.Name,-10} | {way.Trials.Count,6} | {way.Epochs,6} | {(double)way.Epochs / full.Epochs,7:P0} | {way.WallSeconds,6:F1} | {best.TestAccuracy,13:P2} | {best.GridPoint,-25} | {fullRanks.IndexOf(best.GridPoint) + 1,11} of {fullRanks.Count,2} | {(full.Best.TestAccuracy - best.TestAccuracy) * 100,12:F2} pp"));
}

var asha = results[^1];
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"full grid again, same database, no worker: {full.Rerun!.Cached} of {full.Trials.Count} trials answered by the cache, {full.Rerun.Claimed} ever claimed, completed in {full.Rerun.WallSeconds:F2} s"));

var ashaGap = (full.Best.TestAccuracy - asha.Best.TestAccuracy) * 100;
var ashaShare = (double)asha.Epochs / full.Epochs;
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"goal (ASHA within 0.2 pp of the full grid's best with at most 40% of its epochs): {(ashaGap <= 0.2 && ashaShare <= 0.4 ? "met" : "not met")} ({ashaGap:F2} pp, {ashaShare:P0} of the epochs)"));

async Task<WayResult> RunAsync(string name, string definition, int port, bool rerun)
{
    var database = $"gridsearch_bench_cost_{port}";
    Console.WriteLine($"== {name}");
    var (connection, searchId, wall) = await BenchServices.RunSearchAsync(database, port, definition, slots);
    var trials = await TrialsAsync(connection, searchId);
    long epochsTrained;
    await using (var dataSource = NpgsqlDataSource.Create(connection))
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM epochs");
        epochsTrained = (long)(await count.ExecuteScalarAsync())!;
    }

    var again = rerun ? await RerunAsync(connection, port, definition) : null;
    await BenchServices.DropDatabaseAsync(database);
    return new WayResult(name, trials, epochsTrained, wall, again);
}

// The trials of one search that trained, best first (pruned ones flagged: the leaderboard leaves them out).
async Task<List<TrialFigure>> TrialsAsync(string connection, long searchId)
{
    var trials = new List<TrialFigure>();
    await using var dataSource = NpgsqlDataSource.Create(connection);
    await using var command = dataSource.CreateCommand("""
        SELECT grid_point->>'depth' || ' × ' || (grid_point->>'width'), test_accuracy, stop_reason = 'pruned'
        FROM trials WHERE search_id = $1 AND status = 'succeeded' ORDER BY test_accuracy DESC, test_loss, id
        """);
    command.Parameters.AddWithValue(searchId);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        trials.Add(new TrialFigure(reader.GetString(0), reader.GetDouble(1), reader.GetBoolean(2)));
    }

    return trials;
}

// Submits the same definition again with only the API running: the cache has to answer all of it.
async Task<RerunFigure> RerunAsync(string connection, int port, string definition)
{
    var (api, http) = await BenchServices.StartApiAsync(connection, port);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    // A new search: the same definition would otherwise be answered with the first one (the duplicate rule).
    var id = await BenchServices.SubmitAsync(http, definition, forceNew: true);
    await BenchServices.WaitForCompletionAsync(http, id);
    var wall = clock.Elapsed.TotalSeconds;
    BenchServices.Stop(api);
    http.Dispose();

    await using var dataSource = NpgsqlDataSource.Create(connection);
    await using var command = dataSource.CreateCommand(
        "SELECT count(*) FILTER (WHERE cached_from IS NOT NULL), count(*) FILTER (WHERE attempts > 0) FROM trials WHERE search_id = $1");
    command.Parameters.AddWithValue(id);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return new RerunFigure(reader.GetInt64(0), reader.GetInt64(1), wall);
}

internal sealed record TrialFigure(string GridPoint, double TestAccuracy, bool Pruned);

internal sealed record RerunFigure(long Cached, long Claimed, double WallSeconds);

internal sealed record WayResult(string Name, IReadOnlyList<TrialFigure> Trials, long Epochs, double WallSeconds, RerunFigure? Rerun)
{
    public TrialFigure Best => Trials.First(t => !t.Pruned);
}
