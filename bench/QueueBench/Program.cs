using System.Diagnostics;
using System.Globalization;
using GridSearch.Core;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Trials;
using GridSearch.Migrations;
using GridSearch.QueueBench;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Measures the PostgreSQL queue and leaderboard on the local cluster (GRIDSEARCH_DB, or scripts/pg.sh's):
// enqueueing, claim throughput by number of concurrent claimers, and leaderboard latency over a million
// finished trials. Works in a database of its own, dropped and created afresh on each run.
//   dotnet run --project bench/QueueBench -c Release [-- --keep]    (--keep leaves the database for a look)

const string BenchDatabase = "gridsearch_bench";
const int LeaderboardSearches = 100;
const int TrialsPerLeaderboardSearch = 10_000;
var claimWindow = TimeSpan.FromSeconds(5);
var keep = args.Contains("--keep");

var server = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString()) { Pooling = false };
var bench = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = BenchDatabase, Pooling = true, MaxPoolSize = 64 };
var figures = new FiguresTable();
var total = Stopwatch.StartNew();
var result = new TrialResult(0.97, 0.1, 0.96, 0.12, 7, StopReason.Completed, 101_770, [[98, 2], [3, 97]]);

await AdminAsync($"DROP DATABASE IF EXISTS {BenchDatabase} WITH (FORCE)");
await AdminAsync($"CREATE DATABASE {BenchDatabase}");
await using var dataSource = NpgsqlDataSource.Create(bench.ConnectionString);
await MigrateAsync(dataSource);
Console.WriteLine($"GridSearch queue bench: {await ScalarAsync<string>("SELECT version()")}");
Console.WriteLine($"{Environment.ProcessorCount} CPU cores; database {BenchDatabase} on {bench.Host}:{bench.Port}");

var queue = new TrialQueue(dataSource, new QueueOptions());

Console.WriteLine("Enqueue");
foreach (var size in new[] { 10_000, 100_000 })
{
    var trials = Enumerable.Range(0, size).Select(i => new TrialToEnqueue(i, Config(i), "h" + i.ToString(CultureInfo.InvariantCulture), "{}")).ToArray();
    var clock = Stopwatch.StartNew();
    await using (var connection = await dataSource.OpenConnectionAsync())
    await using (var transaction = await connection.BeginTransactionAsync())
    {
        var searchId = await InsertSearchAsync(connection, transaction, "queue-" + size.ToString(CultureInfo.InvariantCulture), size);
        await queue.EnqueueAsync(connection, transaction, searchId, trials, default);
        await transaction.CommitAsync();
    }

    var step = $"enqueue {size:N0} trials";
    figures.Add(step, "search row + binary COPY + commit", FiguresTable.Format(clock.Elapsed.TotalMilliseconds, "ms"));
    figures.Add(step, "rate", FiguresTable.Format(size / clock.Elapsed.TotalSeconds, "trials/s"));
}

// Twice: a plain data source, and the one the API and workers use (GridSearchDataSource), whose
// automatic preparation saves planning the claim's CTE on every call.
await using var preparedSource = GridSearchDataSource.Create(bench.ConnectionString);
foreach (var (label, source) in new[] { ("", dataSource), (", auto-prepared", preparedSource) })
{
    Console.WriteLine($"Claim + complete{label}, {claimWindow.TotalSeconds:N0} s per level");
    var claimQueue = new TrialQueue(source, new QueueOptions());
    await ClaimForAsync(claimQueue, 1, TimeSpan.FromSeconds(1));
    foreach (var claimers in new[] { 1, 4, 16 })
    {
        var (count, elapsed, timings) = await ClaimForAsync(claimQueue, claimers, claimWindow);
        var (median, p95) = Latencies.Of(timings);
        var step = $"claim+complete x{claimers}{label}";
        figures.Add(step, "throughput", FiguresTable.Format(count / elapsed.TotalSeconds, "trials/s"));
        figures.Add(step, "one claim+complete, median / p95", $"{median:N2} / {p95:N2} ms");
    }
}

Console.WriteLine($"Leaderboard: generating {LeaderboardSearches * TrialsPerLeaderboardSearch:N0} succeeded trials");
var generate = Stopwatch.StartNew();
await GenerateFinishedTrialsAsync();
figures.Add("leaderboard data", "INSERT ... generate_series + VACUUM ANALYZE", FiguresTable.Format(generate.Elapsed.TotalSeconds, "s"));
figures.Add("leaderboard data", "succeeded trials in the table",
    (await ScalarAsync<long>("SELECT count(*) FROM trials WHERE status = 'succeeded'")).ToString("N0", CultureInfo.InvariantCulture));

var leaderboard = new LeaderboardQuery(dataSource);
var boardSearches = await SearchIdsAsync();
foreach (var metric in Enum.GetValues<LeaderboardMetric>())
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

figures.Add("total", "bench run time", FiguresTable.Format(total.Elapsed.TotalSeconds, "s"));
figures.Print(Console.Out);

if (!keep)
{
    await dataSource.DisposeAsync();
    NpgsqlConnection.ClearAllPools();
    await AdminAsync($"DROP DATABASE IF EXISTS {BenchDatabase} WITH (FORCE)");
}

async Task<(int Count, TimeSpan Elapsed, double[] Timings)> ClaimForAsync(TrialQueue claimQueue, int claimers, TimeSpan window)
{
    var clock = Stopwatch.StartNew();
    // Each claimer runs its own loop; every call takes its own pooled connection from the data source.
    // A claimer that finds the queue empty stops, so the figure stays a rate even then.
    var perClaimer = await Task.WhenAll(Enumerable.Range(0, claimers).Select(n => Task.Run(async () =>
    {
        var timings = new List<double>();
        var worker = "bench-" + n.ToString(CultureInfo.InvariantCulture);
        while (clock.Elapsed < window)
        {
            var started = Stopwatch.GetTimestamp();
            if (await claimQueue.ClaimAsync(worker, default) is not { } lease)
            {
                Console.WriteLine("  (the queue ran dry)");
                break;
            }

            if (!await claimQueue.CompleteAsync(lease, result, default))
            {
                throw new InvalidOperationException($"Trial {lease.TrialId}: its lease was lost.");
            }

            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return timings;
    })));
    var elapsed = clock.Elapsed;
    return (perClaimer.Sum(t => t.Count), elapsed, perClaimer.SelectMany(t => t).ToArray());
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

static string Config(int i) => string.Create(
    CultureInfo.InvariantCulture,
    $$"""{"learningRate": {{0.001 * (i % 10 + 1)}}, "batchSize": {{32 << (i % 4)}}, "seed": {{i}}}""");
