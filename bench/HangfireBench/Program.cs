using System.Globalization;
using GridSearch.Core;
using GridSearch.Core.Persistence;
using GridSearch.HangfireBench;
using GridSearch.Migrations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Hangfire.PostgreSql 1.21.1 (its best settings: sliding invisibility timeout, long polling, 50 ms poll) against
// this project's queue, the same no-op workload, in one run on the local cluster (GRIDSEARCH_DB, or
// scripts/pg.sh's), in a database of its own dropped and created afresh: enqueue rate, claim + complete
// rate with 1, 4 and 16 workers, the time until a job held by a SIGKILLed worker runs again elsewhere,
// and whether a worker that lost its job (frozen with SIGSTOP past the timeout) can still record it.
// Hangfire's invisibility timeout and our lease are both 10 s here (30 s in production) to keep it short.
//   dotnet run --project bench/HangfireBench -c Release        (about 3 minutes)

const string BenchDatabase = "gridsearch_hangfire_bench";
var window = TimeSpan.FromSeconds(4);

if (args is ["--child", var role, var tag])
{
    if (role == "hangfire")
    {
        HangfireSide.RunChild();
    }
    else
    {
        await QueueSide.RunChildAsync(tag);
    }

    return;
}

var server = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString()) { Pooling = false };
var bench = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = BenchDatabase, Pooling = true, MaxPoolSize = 64 };
Environment.SetEnvironmentVariable("HANGFIRE_BENCH_DB", bench.ConnectionString);
await AdminAsync($"DROP DATABASE IF EXISTS {BenchDatabase} WITH (FORCE)");
await AdminAsync($"CREATE DATABASE {BenchDatabase}");
await using (var migrate = NpgsqlDataSource.Create(bench.ConnectionString))
{
    var options = new DbContextOptionsBuilder<GridSearchDbContext>();
    CoreServiceCollectionExtensions.ConfigureDbContext(options, migrate);
    await using var db = new GridSearchDbContext(options.Options);
    await DatabaseMigrator.MigrateAsync(db);
}

await BenchTables.CreateAsync();
Console.WriteLine($"Hangfire.PostgreSql vs the GridSearch queue: {Environment.ProcessorCount} CPU cores; database {BenchDatabase} on {bench.Host}:{bench.Port}");
var hangfire = new HangfireSide(Program.Lease);
var rows = new List<string[]>();

Console.WriteLine("Enqueue");
hangfire.Enqueue(200, 1);
var hangfireOne = hangfire.Enqueue(2000, 1);
var hangfireEight = hangfire.Enqueue(4000, 8);
await using var ours = new QueueSide(GridSearchDataSource.Create(bench.ConnectionString), Program.Lease);
await ours.EnqueueAsync(1000);
var oursEnqueue = await ours.EnqueueAsync(100_000);
Add("enqueue (jobs/s)", $"{Rate(hangfireOne)} (1 thread), {Rate(hangfireEight)} (8 threads), one job per call", $"{Rate(oursEnqueue)} (100,000 in one binary COPY)");

foreach (var workers in new[] { 1, 4, 16 })
{
    Console.WriteLine($"Claim + complete, {workers} workers");
    var theirs = await hangfire.ThroughputAsync(workers, window);
    var mine = await ours.ThroughputAsync(workers, window);
    Add($"claim + complete, {workers} worker{(workers > 1 ? "s" : "")} (jobs/s)", Rate(theirs), $"{Rate(mine)} (a worker slot's calls: {ours.Cycle.Label})");
}

Console.WriteLine($"Rescue after SIGKILL (invisibility timeout / lease {Program.Lease.TotalSeconds:N0} s)");
var hangfireRescue = await hangfire.RescueAsync();
var oursRescue = await ours.RescueAsync();
Add(
    $"job of a SIGKILLed worker runs again after (timeout / lease {Program.Lease.TotalSeconds:N0} s)",
    $"{hangfireRescue:N1} s",
    $"{oursRescue:N1} s (lease expiry + the next sweep: every slot's rescuer sweeps once per lease length)");

Console.WriteLine("Fencing: a worker frozen past the timeout, then let go");
var (hangfireStale, succeededStates) = await hangfire.FenceAsync();
var (oursStale, oursCurrent) = await ours.FenceAsync();
Add(
    "a worker that lost its job records it",
    hangfireStale
        ? $"yes: the job turned Succeeded from the stale worker while its new run still ran ({succeededStates} Succeeded states in the end)"
        : $"no ({succeededStates} Succeeded states)",
    oursStale
        ? "yes (a bug: every write is meant to be fenced)"
        : $"no: CompleteAsync returned false and changed nothing; the new lease's completion {(oursCurrent ? "was recorded" : "was refused too (a bug)")}");

Print(rows);
NpgsqlConnection.ClearAllPools();
await AdminAsync($"DROP DATABASE IF EXISTS {BenchDatabase} WITH (FORCE)");

void Add(string measure, string theirs, string mine)
{
    rows.Add([measure, theirs, mine]);
    Console.WriteLine($"  {measure}: Hangfire {theirs}; GridSearch {mine}");
}

static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

static void Print(List<string[]> rows)
{
    Console.WriteLine();
    Console.WriteLine("| measure | Hangfire.PostgreSql 1.21.1 | GridSearch queue |");
    Console.WriteLine("|---|---|---|");
    foreach (var row in rows)
    {
        Console.WriteLine($"| {row[0]} | {row[1]} | {row[2]} |");
    }
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

/// <summary>The entry point; holds what parent and children share.</summary>
internal static partial class Program
{
    /// <summary>Hangfire's invisibility timeout and our lease, the same on both.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
}
