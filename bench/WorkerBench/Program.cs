using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Persistence;
using Npgsql;

// Runs the seed's MNIST grid (depth 2, 3, 4 × width 50, 100, 200, 400, ReLU, Adam, batch 128,
// 2 epochs: 12 trials) through the real API and a real worker, once with 1 slot and once with 2,
// each on a fresh database, and prints wall time, trials per hour and the service's overhead.
const string Grid = """
    { "name": "bench-mnist-depth-width", "dataset": "mnist", "model": "mlp", "seed": 42,
      "grid":  { "depth": [2, 3, 4], "width": [50, 100, 200, 400], "activation": ["relu"] },
      "fixed": { "optimizer": "adam", "learningRate": 0.001, "batchSize": 128, "epochs": 2, "valSplit": 0.1 } }
    """;

var server = new NpgsqlConnectionStringBuilder(DatabaseSettings.ConnectionString());
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
    await AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    await AdminAsync($"CREATE DATABASE {database}");
    var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
    var port = 5300 + slots;
    using var api = Launch(typeof(GridSearch.Api.Searches.SearchesApi).Assembly.Location, connection, "--urls", $"http://127.0.0.1:{port}");
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    await WaitForAsync(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode);

    using var body = new StringContent(Grid, System.Text.Encoding.UTF8, "application/json");
    var created = await (await http.PostAsync(new Uri("/api/searches", UriKind.Relative), body)).Content.ReadFromJsonAsync<JsonElement>();
    var id = created.GetProperty("id").GetInt64();

    var clock = Stopwatch.StartNew();
    using var worker = Launch(typeof(GridSearch.Worker.Execution.SlotWorker).Assembly.Location, connection, "--slots", slots.ToString(CultureInfo.InvariantCulture), "--device", "cpu");
    await WaitForAsync(async () =>
    {
        var search = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/searches/{id}", UriKind.Relative));
        return search.GetProperty("status").GetString() == "completed";
    });
    var wall = clock.Elapsed.TotalSeconds;
    Stop(worker);
    Stop(api);

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
    NpgsqlConnection.ClearAllPools();
    await AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");

    if (succeeded != trials)
    {
        throw new InvalidOperationException($"{trials - succeeded} of {trials} trials did not succeed.");
    }

    return string.Create(CultureInfo.InvariantCulture,
        $"{slots,5} | {trials,6} | {wall,6:F1} | {trials / wall * 3600,11:F0} | {epochSeconds,13:F1} | {(trialSeconds - epochSeconds) / trials,25:F2} | {((wall * slots) - epochSeconds) / trials,24:F2}");
}

Process Launch(string assembly, string connection, params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(assembly);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["GRIDSEARCH_DB"] = connection;
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Trial", StringComparison.Ordinal) == true) { Console.WriteLine(e.Data); } };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static void Stop(Process process)
{
    if (!process.HasExited)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
}

static async Task WaitForAsync(Func<Task<bool>> condition)
{
    var deadline = DateTime.UtcNow.AddMinutes(20);
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
            // The API is still starting.
        }

        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("The bench did not finish in 20 minutes.");
        }

        await Task.Delay(500);
    }
}

async Task AdminAsync(string sql)
{
    var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
    await using var connection = new NpgsqlConnection(admin.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
