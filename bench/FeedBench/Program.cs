using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Processes;
using Npgsql;

// The dashboard's event streams and the database: 50 open streams on one 10,000-trial search (and one
// searches-list stream), against the real API (a Kestrel child process), with the change listener
// (streams re-read when the queue notifies a change of their search) and without it (every stream
// polls once a second, as before). Reports the database's transactions and rows read per second on the
// bench's database, while nothing changes and while a simulated worker completes 20 trials a second
// (its own two transactions per trial are taken off). Works in a database of its own (GRIDSEARCH_DB, or
// scripts/pg.sh's), dropped and created afresh; needs the API built (`make build`).
//   dotnet run --project bench/FeedBench -c Release        (about 2 minutes)

const string BenchDatabase = "gridsearch_feed_bench";
const int Streams = 50;
const int TrialsPerSecond = 20;
var window = TimeSpan.FromSeconds(15);

var server = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString()) { Pooling = false };
var bench = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = BenchDatabase, Pooling = true };
await AdminAsync($"DROP DATABASE IF EXISTS {BenchDatabase} WITH (FORCE)");
await AdminAsync($"CREATE DATABASE {BenchDatabase}");
await using var dataSource = GridSearchDataSource.Create(bench.ConnectionString);
var queue = new TrialQueue(dataSource, new QueueOptions());
var apiAssembly = typeof(GridSearch.Api.Dashboard.DashboardApi).Assembly.Location;
var rows = new List<string[]>();
long? searchId = null;

foreach (var listen in new[] { false, true })
{
    var label = listen ? "change listener" : "1 s polling (before)";
    Console.WriteLine($"API with {label}");
    await using var api = DotnetProcess.Start(
        "API",
        apiAssembly,
        ["--urls", "http://127.0.0.1:0"],
        new Dictionary<string, string> { ["GRIDSEARCH_DB"] = bench.ConnectionString, ["Dashboard__ListenForChanges"] = listen ? "true" : "false" });
    var listening = await api.WaitForOutputAsync(new Regex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)"), TimeSpan.FromSeconds(90));
    using var http = new HttpClient { BaseAddress = new Uri(listening.Groups["url"].Value), Timeout = Timeout.InfiniteTimeSpan };
    searchId ??= await SubmitAsync(http);

    using var stop = new CancellationTokenSource();
    var events = 0L;
    var ready = 0;
    var readers = Enumerable.Range(0, Streams).Select(_ => ReadAsync(http, $"/api/searches/{searchId}/events", stop.Token))
        .Append(ReadAsync(http, "/api/searches/events", stop.Token))
        .ToArray();
    // Every stream's first read sends the whole search (10,000 trials): measure once all have had it.
    var warmUp = Stopwatch.StartNew();
    while (Volatile.Read(ref ready) < Streams + 1)
    {
        if (warmUp.Elapsed > TimeSpan.FromMinutes(5))
        {
            throw new TimeoutException($"Only {ready} of {Streams + 1} streams had their first read after 5 minutes.");
        }

        await Task.Delay(100);
    }

    Console.WriteLine($"  all {Streams + 1} streams had their first read after {warmUp.Elapsed.TotalSeconds:N1} s");
    await Task.Delay(TimeSpan.FromSeconds(3));

    var quiet = await MeasureAsync(worker: false);
    var busy = await MeasureAsync(worker: true);
    rows.Add([label, "no change", Rate(quiet.Transactions), Rate(quiet.Rows)]);
    rows.Add([label, $"{TrialsPerSecond} trials/s completing", Rate(busy.Transactions), Rate(busy.Rows)]);
    Console.WriteLine($"  no change: {Rate(quiet.Transactions)} transactions/s, {Rate(quiet.Rows)} rows/s; changing: {Rate(busy.Transactions)} transactions/s, {Rate(busy.Rows)} rows/s; {Interlocked.Read(ref events):N0} events received");
    await stop.CancelAsync();
    await Task.WhenAll(readers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    foreach (var line in api.Output.Split('\n').Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal) || l.Contains(" ERR]", StringComparison.Ordinal)).Take(12))
    {
        Console.WriteLine("  API: " + line);
    }

    // A stream the overloaded API drops is opened again, as a browser's EventSource does.
    async Task ReadAsync(HttpClient client, string path, CancellationToken ct)
    {
        var counted = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ReadOnceAsync(client, path, () => counted = true, counted, ct);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
            {
                Console.WriteLine($"  a stream dropped ({e.Message}); reopening it");
            }
        }
    }

    async Task ReadOnceAsync(HttpClient client, string path, Action markCounted, bool counted, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var first = !counted;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref events);
                // The search's stream ends its first read with 'search', the list's is 'searches'.
                if (first && line is "event: search" or "event: searches")
                {
                    first = false;
                    markCounted();
                    Interlocked.Increment(ref ready);
                }
            }
        }
    }
}

Console.WriteLine();
Console.WriteLine($"| streams ({Streams} on one 10,000-trial search + 1 list) | search | database transactions/s | rows read/s |");
Console.WriteLine("|---|---|---|---|");
foreach (var row in rows)
{
    Console.WriteLine($"| {string.Join(" | ", row)} |");
}

await dataSource.DisposeAsync();
NpgsqlConnection.ClearAllPools();
await AdminAsync($"DROP DATABASE IF EXISTS {BenchDatabase} WITH (FORCE)");

// Transactions and rows read per second on the bench's database over the window, less the simulated
// worker's own (two transactions per trial; its few rows are left in).
async Task<(double Transactions, double Rows)> MeasureAsync(bool worker)
{
    var (commits, read) = await CountersAsync();
    var clock = Stopwatch.StartNew();
    var completed = 0;
    if (worker)
    {
        var result = new TrialResult(0.97, 0.1, 0.96, 0.12, 7, StopReason.Completed, 101_770, [[98, 2], [3, 97]]);
        while (clock.Elapsed < window)
        {
            var lease = await queue.ClaimAsync("feed-bench", default) ?? throw new InvalidOperationException("The search ran dry.");
            await queue.CompleteAsync(lease, result, model: null, default);
            completed++;
            await Task.Delay(TimeSpan.FromSeconds(1.0 / TrialsPerSecond));
        }
    }
    else
    {
        await Task.Delay(window);
    }

    // The statistics collector publishes counters within half a second.
    await Task.Delay(TimeSpan.FromSeconds(1));
    var (commitsAfter, readAfter) = await CountersAsync();
    var seconds = clock.Elapsed.TotalSeconds;
    // Less the two counter reads themselves, and the worker's claim and completion.
    return ((commitsAfter - commits - 1 - 2 * completed) / seconds, (readAfter - read) / seconds);
}

async Task<(long Commits, long Rows)> CountersAsync()
{
    await using var connection = new NpgsqlConnection(bench.ConnectionString);
    await connection.OpenAsync();
    await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
    {
        await clear.ExecuteNonQueryAsync();
    }

    await using var command = new NpgsqlCommand("SELECT xact_commit, tup_returned + tup_fetched FROM pg_stat_database WHERE datname = @db", connection);
    command.Parameters.AddWithValue("db", BenchDatabase);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetInt64(1));
}

// 100 learning rates x 100 widths: the API's largest search.
static async Task<long> SubmitAsync(HttpClient http)
{
    var definition = new
    {
        name = "feed-bench",
        dataset = "mnist",
        model = "mlp",
        seed = 42,
        grid = new
        {
            learningRate = Enumerable.Range(1, 100).Select(i => i / 10_000.0).ToArray(),
            width = Enumerable.Range(1, 100).Select(i => i * 10).ToArray(),
        },
        @fixed = new { depth = 2, epochs = 1 },
    };
    using var response = await http.PostAsJsonAsync("/api/searches", definition);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Submitting the search: {(int)response.StatusCode} {body}");
    }

    return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
}

static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

// Statements on the server's maintenance database; the only name in them is the constant above.
async Task AdminAsync(string sql)
{
    var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" };
    await using var connection = new NpgsqlConnection(admin.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
