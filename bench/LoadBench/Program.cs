using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridSearch.Core.Persistence;
using GridSearch.LoadBench;
using GridSearch.Testing.Processes;
using Npgsql;

// The service under a team's load on this machine: a search training on a worker's 2 slots, N dashboard tabs
// (event streams) open on it, M API clients polling its status and leaderboard, and a second worker joining
// midway. The real API and workers run as child processes on a fresh database of the local PostgreSQL whose
// CONNECTION LIMIT stands in for max_connections (they log in as a role of its own, not a superuser). Reports
// the readers' requests per second, p50 and p99, every non-2xx answer, PostgreSQL's peak connections (polled
// from pg_stat_activity) and refused ones (from its log), and how long the joining worker took to claim a trial.
//   dotnet run --project bench/LoadBench -c Release [-- --streams 500 --readers 100 --seconds 40 --join-after 10
//       --pause-ms 0 --connection-limit 100 --slots 2]          (about 2 minutes; needs make build and make data)
var settings = BenchSettings.Parse(args);
var pool = new DatabasePoolOptions().MaxPoolSize;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"load bench: {settings.Streams} event streams and {settings.Readers} readers (pause {settings.Pause.TotalMilliseconds} ms) on a search training on {settings.Slots} slots, a 1-slot worker joining after {settings.JoinAfter.TotalSeconds} s, {settings.Window.TotalSeconds} s measured"));
Console.WriteLine($"API pool {pool} (Database:MaxPoolSize default), database connection limit {settings.ConnectionLimit}, {Environment.ProcessorCount} cores, the API's request log {(settings.RequestLog ? "on (its default)" : "off")}");

var database = await BenchDatabase.CreateAsync(settings.ConnectionLimit);
var serverLog = await database.ServerLogAsync();
var serverLogStart = serverLog is null ? 0 : new FileInfo(serverLog).Length;
const string ApiName = "gridsearch-api";
const string WorkerName = "gridsearch-worker-training";
const string JoinerName = "gridsearch-worker-joining";

var api = DotnetProcess.Start(
    "API",
    typeof(GridSearch.Api.Dashboard.DashboardApi).Assembly.Location,
    ["--urls", "http://127.0.0.1:0"],
    ApiEnvironment(database.ConnectionString(ApiName), settings.RequestLog));
var listening = await api.WaitForOutputAsync(new Regex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)"), TimeSpan.FromMinutes(3));
var address = new Uri(listening.Groups["url"].Value);
using var control = new HttpClient { BaseAddress = address };
var id = await SubmitAsync(control, settings.Slots);
var workerAssembly = typeof(GridSearch.Worker.Execution.SlotWorker).Assembly.Location;
var training = StartWorker("training worker", settings.Slots, WorkerName);
await WaitUntilAsync(async () => (await StatusAsync(control, id)).GetProperty("counts").GetProperty("running").GetInt32() >= settings.Slots, TimeSpan.FromMinutes(3), "the training worker never ran its slots");
Console.WriteLine($"search {id} training on {settings.Slots} slots");

using var streamHttp = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
using var readerHttp = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
using var stop = new CancellationTokenSource();
var streams = new Streams(streamHttp, $"/api/searches/{id}/events", settings.Streams);
var opening = Stopwatch.StartNew();
await streams.OpenAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(90), stop.Token);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{streams.Opened} of {settings.Streams} streams had their first send after {opening.Elapsed.TotalSeconds:F1} s"));

await using var watch = new ConnectionWatch(database.WatchConnectionString);
watch.Start();
var commitsBefore = await watch.CommitsAsync();
var epochsBefore = await ScalarAsync("SELECT count(*) FROM epochs");
var eventsBefore = streams.Events;
using var endReaders = new CancellationTokenSource(settings.Window);
var readers = new Readers(readerHttp, id, settings.Readers, settings.Pause);
var window = Stopwatch.StartNew();
var apiCpu = CpuSeconds(api.Id);
var loadBefore = LoadAverage();
var reading = readers.RunAsync(endReaders.Token);

await Task.Delay(settings.JoinAfter);
var joinClock = Stopwatch.StartNew();
var joiner = StartWorker("joining worker", 1, JoinerName);
var joinerStarted = DateTime.Now;
double? joinSeconds = null;
try
{
    await joiner.WaitForOutputAsync(new Regex(@"Trial \d+ started"), settings.Window);
    joinSeconds = joinClock.Elapsed.TotalSeconds;
}
catch (TimeoutException)
{
    Console.WriteLine("the joining worker claimed no trial in the window");
}

await reading;
var measured = window.Elapsed;
apiCpu = CpuSeconds(api.Id) - apiCpu;
var loadAfter = LoadAverage();
var commits = await watch.CommitsAsync() - commitsBefore;
var epochs = await ScalarAsync("SELECT count(*) FROM epochs") - epochsBefore;
var stillRunning = await ScalarAsync("SELECT count(*) FROM trials WHERE status = 'running'");
var events = streams.Events - eventsBefore;
await stop.CancelAsync();
await streams.ClosedAsync();
await watch.DisposeAsync();

var refusedInLog = serverLog is null ? (int?)null : RefusalsIn(ReadFrom(serverLog, serverLogStart));
var refusedByClients = RefusalsIn(api.Output) + RefusalsIn(training.Output) + RefusalsIn(joiner.Output);
var seconds = measured.TotalSeconds;
var (p50, p99) = (readers.Percentile(0.50), readers.Percentile(0.99));
var nonSuccess = readers.NonSuccess + streams.NonSuccess;
var apiPeak = watch.Peak(ApiName);
var servicePeak = apiPeak + watch.Peak(WorkerName) + watch.Peak(JoinerName);

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    readers: {readers.Answered} answers in {seconds:F1} s = {readers.Answered / seconds:F0} requests/s, p50 {p50:F1} ms, p99 {p99:F1} ms (p99 before the join {readers.Percentile(0.99, settings.JoinAfter, before: true):F1} ms, from it on {readers.Percentile(0.99, settings.JoinAfter, before: false):F1} ms); {Readers.Describe(readers.Statuses)}; {readers.Failures} without an answer
    streams: {streams.Opened} of {settings.Streams} open, {events} events in the window ({events / seconds:F0}/s), {streams.Drops} drops; answers {Readers.Describe(streams.Statuses)}
    non-2xx answers: {nonSuccess}
    PostgreSQL connections, peak of {watch.Samples} samples ({ConnectionWatch.Every.TotalMilliseconds} ms apart): API {apiPeak} (pool {pool}), training worker {watch.Peak(WorkerName)} ({settings.Slots} slots), joining worker {watch.Peak(JoinerName)} (1 slot), service {servicePeak}, all {watch.PeakTotal} (limit {settings.ConnectionLimit})
    refused connections: {(refusedInLog is { } n ? n.ToString(CultureInfo.InvariantCulture) : "n/a")} in PostgreSQL's log, {refusedByClients} reported by the API and workers
    database: {commits / seconds:F0} transactions/s; training: {epochs} epochs written in the window, {stillRunning} trials running at its end
    joining worker: {(joinSeconds is { } j ? $"claimed its first trial {j:F1} s after it started" : "claimed no trial")}
    machine: the API used {apiCpu / seconds * 100:F0}% of a core; load average {loadBefore} at the window's start, {loadAfter} at its end ({Environment.ProcessorCount} cores)
    """));
Console.WriteLine($"joining worker, started at {joinerStarted:HH:mm:ss.f}:");
foreach (var line in joiner.Output.Split('\n').Where(l => Regex.IsMatch(l, "Starting|Waiting|ready after|Warmed up|Warm-up|Ready as|Trial \\d+ started|error")).Take(12))
{
    Console.WriteLine("  " + line.TrimEnd());
}

Console.WriteLine();
Console.WriteLine("| streams | readers | requests/s | p50 ms | p99 ms | non-2xx | API peak / pool | service peak / limit | refused | join s |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {settings.Streams} | {settings.Readers} | {readers.Answered / seconds:F0} | {p50:F1} | {p99:F1} | {nonSuccess} | {apiPeak} / {pool} | {servicePeak} / {settings.ConnectionLimit} | {refusedInLog ?? refusedByClients} | {(joinSeconds is { } js ? js.ToString("F1", CultureInfo.InvariantCulture) : "—")} |"));

Console.WriteLine();
var misses = new List<string>();
Check((refusedInLog ?? 0) + refusedByClients == 0, "0 refused connections", $"{(refusedInLog ?? 0) + refusedByClients} refused");
Check(nonSuccess == 0 && readers.Failures == 0, "0 non-2xx", $"{nonSuccess} non-2xx and {readers.Failures} unanswered");
Check(p99 <= 250, "p99 <= 250 ms", string.Create(CultureInfo.InvariantCulture, $"p99 {p99:F0} ms, {p99 - 250:F0} ms over"));
Check(apiPeak <= pool, "API connections within its pool", $"API peak {apiPeak} > pool {pool}");
Check(joinSeconds <= 10, "joining worker training within 10 s", joinSeconds is { } late ? string.Create(CultureInfo.InvariantCulture, $"{late:F1} s, {late - 10:F1} s over") : "it claimed nothing");
Check(stillRunning > 0 && epochs > 0, "training throughout the window", $"{epochs} epochs, {stillRunning} running at the end");
Console.WriteLine(misses.Count == 0 ? "goal met" : $"goal missed: {string.Join("; ", misses)}");

await training.DisposeAsync();
await joiner.DisposeAsync();
await api.DisposeAsync();
await database.DropAsync();
return misses.Count == 0 ? 0 : 1;

void Check(bool met, string goal, string miss)
{
    Console.WriteLine($"{(met ? "met " : "MISS")}  {goal}{(met ? "" : $": {miss}")}");
    if (!met)
    {
        misses.Add(miss);
    }
}

DotnetProcess StartWorker(string name, int slots, string application) => DotnetProcess.Start(
    name,
    workerAssembly,
    ["--slots", slots.ToString(CultureInfo.InvariantCulture), "--device", "cpu"],
    new Dictionary<string, string> { ["GRIDSEARCH_DB"] = database.ConnectionString(application) });

// The API as shipped logs each request at Information; --request-log 0 raises that to Warning, to see what it costs.
static Dictionary<string, string> ApiEnvironment(string connectionString, bool requestLog)
{
    var environment = new Dictionary<string, string> { ["GRIDSEARCH_DB"] = connectionString };
    if (!requestLog)
    {
        environment["Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning";
    }

    return environment;
}

// The process's user and system time so far (Linux /proc; clock ticks of 1/100 s), its children not included.
static double CpuSeconds(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100;
}

// Other work on the machine shows here: the bench's own processes account for about 4 of it.
static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

async Task<long> ScalarAsync(string sql)
{
    await using var connection = new NpgsqlConnection(database.WatchConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

static async Task<long> SubmitAsync(HttpClient http, int slots)
{
    // Small MNIST MLPs, enough of them to keep every slot (and the joining worker's) busy past the window.
    var definition = new
    {
        name = "load-bench",
        dataset = "mnist",
        model = "mlp",
        seed = 42,
        grid = new { depth = new[] { 1, 2, 3, 4 }, width = new[] { 64, 128, 256, 512 }, learningRate = new[] { 0.001, 0.0005 } },
        @fixed = new { optimizer = "adam", batchSize = 128, epochs = 8, trainSize = 12000 },
    };
    await WaitUntilAsync(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode, TimeSpan.FromMinutes(2), "the API never got ready");
    using var response = await http.PostAsJsonAsync(new Uri("/api/searches", UriKind.Relative), definition);
    response.EnsureSuccessStatusCode();
    _ = slots;
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
}

static async Task<JsonElement> StatusAsync(HttpClient http, long id) =>
    await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/searches/{id}", UriKind.Relative));

static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience, string failure)
{
    var deadline = DateTime.UtcNow + patience;
    while (true)
    {
        try
        {
            if (await condition())
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Still starting.
        }

        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException(failure);
        }

        await Task.Delay(250);
    }
}

// What PostgreSQL and Npgsql say when a connection is refused for want of a slot: the database's limit, the
// server's max_connections, or the slots kept for superusers.
static int RefusalsIn(string text) =>
    Regex.Count(text, "too many connections for (database|role)|too many clients already|remaining connection slots are reserved");

static string ReadFrom(string path, long offset)
{
    using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    file.Seek(Math.Min(offset, file.Length), SeekOrigin.Begin);
    using var reader = new StreamReader(file);
    return reader.ReadToEnd();
}
