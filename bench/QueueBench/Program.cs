using System.Diagnostics;
using System.Globalization;
using GridSearch.Core;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Domain.Leaderboard;
using GridSearch.Migrations;
using GridSearch.QueueBench;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Measures the PostgreSQL queue and leaderboard on the local cluster (GRIDSEARCH_DB, or scripts/pg.sh's).
// Works in a database of its own, dropped and created afresh on each run.
// Trials go through a worker slot's own calls (SlotCycle: claim, epoch rows, complete with the model).
//   dotnet run --project bench/QueueBench -c Release [-- --keep]
//       enqueueing; trials claimed and completed per second by 1, 4 and 16 concurrent claimers, on a plain
//       and on the workers' auto-preparing data source, with and without the change notifications, and the
//       capacity this gives (16 claimers, the workers' data source); leaderboard latency over a million
//       finished trials. About 3 minutes.
//   dotnet run --project bench/QueueBench -c Release -- --scale [--keep]
//       64 and 256 simulated worker slots with trials of 1 s, 10 s and 60 s (real lengths, an epoch row every
//       2 s, real 30 s lease and 10 s heartbeat): claim and completion latency and the database's CPU.
//       About 4 minutes.
// (--keep leaves the database for a look.)

const string BenchDatabase = "gridsearch_bench";
const int LeaderboardSearches = 100;
const int TrialsPerLeaderboardSearch = 10_000;
// A slot's smallest trial writes one epoch row; the model is a small network's (a 784-1 linear model is 3 KB).
const int EpochsPerTrial = 1;
const int ModelBytes = 4096;
var epochLength = TimeSpan.FromSeconds(2);
var claimWindow = TimeSpan.FromSeconds(4);
var keep = args.Contains("--keep");
var scale = args.Contains("--scale");

var server = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString()) { Pooling = false };
var bench = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = BenchDatabase, Pooling = true, MaxPoolSize = 64 };
var figures = new FiguresTable();
var total = Stopwatch.StartNew();

await AdminAsync($"DROP DATABASE IF EXISTS {BenchDatabase} WITH (FORCE)");
await AdminAsync($"CREATE DATABASE {BenchDatabase}");
await using var dataSource = NpgsqlDataSource.Create(bench.ConnectionString);
await MigrateAsync(dataSource);
Console.WriteLine($"GridSearch queue bench: {await ScalarAsync<string>("SELECT version()")}");
Console.WriteLine($"{Environment.ProcessorCount} CPU cores; database {BenchDatabase} on {bench.Host}:{bench.Port}");

var queue = new TrialQueue(dataSource, new QueueOptions());
// The source the API and workers use (GridSearchDataSource): its automatic preparation saves
// parsing and planning the queue's statements on every call.
await using var preparedSource = GridSearchDataSource.Create(bench.ConnectionString);

if (scale)
{
    await ScaleAsync();
    Finish();
    return;
}

Console.WriteLine("Enqueue");
foreach (var size in new[] { 10_000, 100_000, 100_000 })
{
    var trials = Trials(size);
    var clock = Stopwatch.StartNew();
    await EnqueueAsync(queue, trials);
    var step = $"enqueue {size:N0} trials";
    figures.Add(step, "search row + binary COPY + commit", FiguresTable.Format(clock.Elapsed.TotalMilliseconds, "ms"));
    figures.Add(step, "rate", FiguresTable.Format(size / clock.Elapsed.TotalSeconds, "trials/s"));
}

// Each level starts from a vacuumed table with at least 60,000 trials queued, so the levels compare.
// The workers' data source (GridSearchDataSource) prepares statements; the notifications are on in production.
var cases = new (string Label, NpgsqlDataSource Source, bool Changes)[]
{
    ("not prepared", dataSource, true),
    ("prepared (the workers' data source)", preparedSource, true),
    ("prepared, no change NOTIFY", preparedSource, false),
};
var capacity = 0.0;
foreach (var (label, source, changes) in cases)
{
    var cycle = new SlotCycle(new TrialQueue(source, changes ? new QueueOptions() : new QueueOptions { ChangesChannel = null }), EpochsPerTrial, ModelBytes);
    Console.WriteLine($"Slot path ({cycle.Label}): {label}, {claimWindow.TotalSeconds:N0} s per level");
    foreach (var claimers in new[] { 1, 4, 16 })
    {
        await EnsureQueuedAsync(60_000);
        await ClaimLoop.RunAsync(cycle, claimers, TimeSpan.FromMilliseconds(300));
        var (count, elapsed, roundTrips) = await ClaimLoop.RunAsync(cycle, claimers, claimWindow);
        var (median, p95) = Latencies.Of(roundTrips);
        var step = $"x{claimers} {label}";
        var rate = count / elapsed.TotalSeconds;
        figures.Add(step, "trials claimed and completed", FiguresTable.Format(rate, "trials/s"));
        figures.Add(step, "one round trip, median / p95", $"{median:N2} / {p95:N2} ms");
        if (source == preparedSource && changes && claimers == 16)
        {
            capacity = rate;
        }
    }
}

figures.Add("capacity", $"16 claimers, the workers' data source ({new SlotCycle(queue, EpochsPerTrial, ModelBytes).Label})", FiguresTable.Format(capacity, "trials/s"));

Console.WriteLine($"Leaderboard: generating {LeaderboardSearches * TrialsPerLeaderboardSearch:N0} succeeded trials");
var generate = Stopwatch.StartNew();
await GenerateFinishedTrialsAsync();
figures.Add("leaderboard data", "INSERT ... generate_series + VACUUM ANALYZE", FiguresTable.Format(generate.Elapsed.TotalSeconds, "s"));
figures.Add("leaderboard data", "succeeded trials in the table",
    (await ScalarAsync<long>("SELECT count(*) FROM trials WHERE status = 'succeeded'")).ToString("N0", CultureInfo.InvariantCulture));

var leaderboard = new LeaderboardQuery(dataSource);
var boardSearches = await SearchIdsAsync();
// The metrics of one trial each; cvAccuracy ranks k-fold evaluations, which these generated trials have none of.
foreach (var metric in Enum.GetValues<LeaderboardMetric>().Where(LeaderboardMetrics.IsOfOneTrial))
{
    var name = LeaderboardMetrics.Name(metric);
    var next = 0;
    await TimeBoardAsync($"board {name}", "one search (10,000 trials), top 10", 50,
        () => leaderboard.ForSearchAsync(boardSearches[next++ % boardSearches.Count], 10, metric, default));
    await TimeBoardAsync($"board {name}", "all searches, top 10", 15,
        () => leaderboard.AcrossSearchesAsync(null, 10, metric, default));
    await TimeBoardAsync($"board {name}", "dataset fashion-mnist (40%), top 10", 15,
        () => leaderboard.AcrossSearchesAsync("fashion-mnist", 10, metric, default));
    await TimeBoardAsync($"board {name}", "dataset cifar10 (10%), top 10", 15,
        () => leaderboard.AcrossSearchesAsync("cifar10", 10, metric, default));
}

Finish();
await DropAsync();

void Finish()
{
    figures.Add("total", "bench run time", FiguresTable.Format(total.Elapsed.TotalSeconds, "s"));
    figures.Print(Console.Out);
}

async Task DropAsync()
{
    if (!keep)
    {
        await dataSource.DisposeAsync();
        await preparedSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {BenchDatabase} WITH (FORCE)");
    }
}

async Task ScaleAsync()
{
    var options = new QueueOptions();
    var slotQueue = new TrialQueue(preparedSource, options);
    var simulation = new ScaleSimulation(slotQueue, options, new DatabaseCpu(preparedSource, BenchDatabase));
    var window = TimeSpan.FromSeconds(30);
    Console.WriteLine($"Scale: simulated slots, {window.TotalSeconds:N0} s measured per case after a warm-up");
    var results = new List<ScaleFigures>();
    foreach (var slots in new[] { 64, 256 })
    {
        foreach (var seconds in new[] { 1, 10, 60 })
        {
            var length = TimeSpan.FromSeconds(seconds);
            await EnsureQueuedAsync(slots * (int)(window.TotalSeconds / seconds + 4));
            var cycle = new SlotCycle(slotQueue, Math.Max(1, (int)Math.Round(length / epochLength)), ModelBytes);
            var result = await simulation.RunAsync(cycle, slots, length, warmUp: TimeSpan.FromSeconds(3), window);
            results.Add(result);
            var step = $"{slots} slots, {seconds} s trials ({cycle.Label})";
            figures.Add(step, "trials / heartbeats", $"{result.TrialsPerSecond:N1} / {result.HeartbeatsPerSecond:N1} per s");
            figures.Add(step, "claim, p50 / p99", $"{result.ClaimMedianMs:N2} / {result.ClaimP99Ms:N2} ms");
            figures.Add(step, "complete, p50 / p99", $"{result.CompleteMedianMs:N2} / {result.CompleteP99Ms:N2} ms");
            figures.Add(step, "database CPU (1.00 = one core)", $"{result.DatabaseCores:N3}");
            figures.Add(step, "database commits", FiguresTable.Format(result.CommitsPerSecond, "/s"));
            figures.Add(step, "slots one database core feeds (linear)", result.SlotsPerCore.ToString("N0", CultureInfo.InvariantCulture));
        }
    }

    await DropAsync();
}

// Tops the queue up with a search of 100,000 trials whenever fewer than min are queued, then vacuums,
// so each level starts from the same kind of table.
async Task EnsureQueuedAsync(int min)
{
    while (await ScalarAsync<long>("SELECT count(*) FROM trials WHERE status = 'queued'") < min)
    {
        await EnqueueAsync(queue, Trials(100_000));
    }

    await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE trials");
    vacuum.CommandTimeout = 600;
    await vacuum.ExecuteNonQueryAsync();
}

async Task EnqueueAsync(TrialQueue target, TrialToEnqueue[] trials)
{
    var size = trials.Length;
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    var searchId = await InsertSearchAsync(connection, transaction, "queue-" + Guid.NewGuid().ToString("N"), size);
    await target.EnqueueAsync(connection, transaction, searchId, trials, default);
    await transaction.CommitAsync();
}

async Task TimeBoardAsync(string step, string measure, int runs, Func<Task<IReadOnlyList<LeaderboardEntry>>> read)
{
    for (var i = 0; i < 3; i++)
    {
        await read();
    }

    var timings = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var started = Stopwatch.GetTimestamp();
        var entries = await read();
        timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (entries.Count != 10)
        {
            throw new InvalidOperationException($"{step}, {measure}: {entries.Count} entries, not 10.");
        }
    }

    var (median, p95) = Latencies.Of(timings);
    figures.Add(step, measure + ", median / p95", $"{median:N2} / {p95:N2} ms");
}

// Finished trials straight from SQL: a million rows through the queue would take most of the run.
// Accuracies are random; losses roughly follow them, so the orders by accuracy and by loss differ.
async Task GenerateFinishedTrialsAsync()
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using (var searches = new NpgsqlCommand(
        """
        INSERT INTO searches (name, dataset, model, definition, trial_count, created_at)
        SELECT 'board-' || n,
               CASE WHEN n % 10 = 0 THEN 'cifar10' WHEN n % 2 = 0 THEN 'fashion-mnist' ELSE 'mnist' END,
               'mlp', '{}', @per_search, now()
        FROM generate_series(1, @searches) n
        """,
        connection))
    {
        searches.Parameters.AddWithValue("searches", LeaderboardSearches);
        searches.Parameters.AddWithValue("per_search", TrialsPerLeaderboardSearch);
        await searches.ExecuteNonQueryAsync();
    }

    await using (var trials = new NpgsqlCommand(
        """
        INSERT INTO trials (search_id, ordinal, status, config, config_hash, attempts, max_attempts, available_at,
                            cancel_requested, worker, started_at, finished_at, test_accuracy, test_loss, val_accuracy,
                            val_loss, best_epoch, stop_reason, parameter_count)
        SELECT search_id, g, 'succeeded',
               jsonb_build_object('learningRate', 0.001 * (g % 10 + 1), 'batchSize', 32 << (g % 4), 'seed', g),
               md5(g::text), 1, 3, now(), false, 'bench', now(), now(),
               a, (1 - a) * (0.5 + random()), a - random() * 0.02, (1 - a) * (0.6 + random()), 1 + g % 20, 'completed', 101770
        FROM (
            SELECT s.id AS search_id, g, 0.5 + random() * 0.5 AS a
            FROM searches s CROSS JOIN generate_series(1, @per_search) g
            WHERE s.name LIKE 'board-%'
        ) generated
        """,
        connection))
    {
        trials.CommandTimeout = 600;
        trials.Parameters.AddWithValue("per_search", TrialsPerLeaderboardSearch);
        await trials.ExecuteNonQueryAsync();
    }

    await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE trials, searches", connection) { CommandTimeout = 600 };
    await vacuum.ExecuteNonQueryAsync();
}

async Task<List<long>> SearchIdsAsync()
{
    await using var command = dataSource.CreateCommand("SELECT id FROM searches WHERE name LIKE 'board-%' ORDER BY id");
    await using var reader = await command.ExecuteReaderAsync();
    var ids = new List<long>();
    while (await reader.ReadAsync())
    {
        ids.Add(reader.GetInt64(0));
    }

    return ids;
}

async Task<long> InsertSearchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, int trialCount)
{
    await using var command = new NpgsqlCommand(
        "INSERT INTO searches (name, dataset, model, definition, trial_count, created_at) VALUES (@name, 'mnist', 'mlp', '{}', @count, now()) RETURNING id",
        connection,
        transaction);
    command.Parameters.AddWithValue("name", name);
    command.Parameters.AddWithValue("count", trialCount);
    return (long)(await command.ExecuteScalarAsync())!;
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync())!;
}

// Statements on the server's maintenance database; the only name in them is the constant above.
async Task AdminAsync(string sql)
{
    var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" };
    await using var connection = new NpgsqlConnection(admin.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task MigrateAsync(NpgsqlDataSource dataSource)
{
    var options = new DbContextOptionsBuilder<GridSearchDbContext>();
    CoreServiceCollectionExtensions.ConfigureDbContext(options, dataSource);
    await using var db = new GridSearchDbContext(options.Options);
    await DatabaseMigrator.MigrateAsync(db);
}

static TrialToEnqueue[] Trials(int size) =>
    [.. Enumerable.Range(0, size).Select(i => new TrialToEnqueue(i, Config(i), "h" + i.ToString(CultureInfo.InvariantCulture), "{}"))];

static string Config(int i) => string.Create(
    CultureInfo.InvariantCulture,
    $$"""{"learningRate": {{0.001 * (i % 10 + 1)}}, "batchSize": {{32 << (i % 4)}}, "seed": {{i}}}""");
