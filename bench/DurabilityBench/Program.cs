// What durability costs the queue: enqueues N trials (one COPY, one commit), then claims and completes
// each (two commits per trial) with 1 and with 4 concurrent workers, against GRIDSEARCH_DB, and prints
// the server's fsync / synchronous_commit with the times. scripts/durability-bench.sh runs it on a
// cluster of its own, started durable and then not; it never changes a server's settings itself.
//   dotnet run --project bench/DurabilityBench -c Release -- [trials=2000]
using System.Diagnostics;
using System.Globalization;
using GridSearch.Core;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Migrations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

var trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var server = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString());
var database = "gridsearch_durability_bench";
var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
await using (var connection = new NpgsqlConnection(admin.ConnectionString))
{
    await connection.OpenAsync();
    // A fixed name of this program's own: nothing from outside goes into the statement.
    await using (var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS gridsearch_durability_bench WITH (FORCE)", connection))
    {
        await drop.ExecuteNonQueryAsync();
    }

    await using var create = new NpgsqlCommand("CREATE DATABASE gridsearch_durability_bench", connection);
    await create.ExecuteNonQueryAsync();
}

var target = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
await using var dataSource = GridSearchDataSource.Create(target);
var options = new DbContextOptionsBuilder<GridSearchDbContext>();
CoreServiceCollectionExtensions.ConfigureDbContext(options, dataSource);
await using (var db = new GridSearchDbContext(options.Options))
{
    await DatabaseMigrator.MigrateAsync(db);
}

string fsync, synchronousCommit;
await using (var show = dataSource.CreateCommand("SELECT current_setting('fsync'), current_setting('synchronous_commit')"))
await using (var reader = await show.ExecuteReaderAsync())
{
    await reader.ReadAsync();
    (fsync, synchronousCommit) = (reader.GetString(0), reader.GetString(1));
}

var queue = new TrialQueue(dataSource, new QueueOptions());
var result = new TrialResult(0.9, 0.3, 0.89, 0.31, 1, StopReason.Completed, 1000, [[1, 0], [0, 1]]);
Console.WriteLine($"fsync={fsync} synchronous_commit={synchronousCommit}, {trials} trials");
foreach (var workers in new[] { 1, 4 })
{
    var enqueue = Stopwatch.StartNew();
    await using (var connection = await dataSource.OpenConnectionAsync())
    await using (var transaction = await connection.BeginTransactionAsync())
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO searches (name, dataset, model, definition, trial_count, created_at) VALUES ('bench', 'mnist', 'mlp', '{}', @n, now()) RETURNING id",
            connection,
            transaction);
        insert.Parameters.AddWithValue("n", trials);
        var searchId = (long)(await insert.ExecuteScalarAsync())!;
        var rows = Enumerable.Range(0, trials)
            .Select(i => new TrialToEnqueue(i, $$"""{"width": {{i}}}""", "hash-" + i.ToString(CultureInfo.InvariantCulture), $$"""{"width": {{i}}}"""))
            .ToList();
        await queue.EnqueueAsync(connection, transaction, searchId, rows, default);
        await transaction.CommitAsync();
    }

    enqueue.Stop();
    var drain = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
    {
        while (await queue.ClaimAsync($"bench-{w}", default) is { } lease)
        {
            await using (lease)
            {
                await queue.CompleteAsync(lease, result, model: null, default);
            }
        }
    }));
    drain.Stop();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"  {workers} worker(s): enqueue {enqueue.Elapsed.TotalMilliseconds:F0} ms; claim+complete {drain.Elapsed.TotalSeconds:F2} s = {trials / drain.Elapsed.TotalSeconds:F0} trials/s ({drain.Elapsed.TotalMilliseconds * workers / trials:F2} ms per trial per worker)"));
}

NpgsqlConnection.ClearAllPools();
await using (var connection = new NpgsqlConnection(admin.ConnectionString))
{
    await connection.OpenAsync();
    await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS gridsearch_durability_bench WITH (FORCE)", connection);
    await drop.ExecuteNonQueryAsync();
}
