using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Bench;
using GridSearch.EstimateBench;

// The estimates against the wall time: five examples from examples/, shrunk (ShrunkExample), run one after
// another through the real API and one real worker on a fresh database. For each: the dry run's estimated wall
// time (POST /api/searches/plan, just before the submission), the search's actual wall time (its creation to
// its last result, as GET /api/searches/{id} reports them), and the error; and the status's estimate at its
// first recorded epoch and at half its epochs (elapsed + estimatedSecondsLeft) against the same actual time. Two
// small searches run first, as on an installation that has trained something (they also have the worker's slots
// read both datasets); the first example's dry run on the empty installation, before them, is printed apart: it
// has only the calibrated reference.
//   dotnet run --project bench/EstimateBench -c Release -- [--slots 2] [--port 5471]
//   dotnet run --project bench/EstimateBench -c Release -- --calibrate [--images 2000]
//     how well the reference cost fits the processor time of 11 networks (Calibration).
int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

if (args.Contains("--calibrate"))
{
    return Calibration.RunAsSlot(args, Option("--images", 2000));
}

ShrunkExample[] examples =
[
    new("mnist-mlp-01-depth-width.json", TrainSize: 4000, Epochs: 3),
    new("mnist-mlp-04-batch-size.json", TrainSize: 4000, Epochs: 3),
    new("fashion-mnist-mlp-01-capacity.json", TrainSize: 4000, Epochs: 3),
    new("mnist-cnn-keras-03-batch-size.json", TrainSize: 1000, Epochs: 2),
    new("fashion-mnist-cnn-01-conv-layers.json", TrainSize: 2000, Epochs: 3),
];
var slots = Option("--slots", 2);
var port = Option("--port", 5471);
var examplesDirectory = Examples();
const string Database = "gridsearch_bench_estimates";

var connection = await BenchServices.FreshDatabaseAsync(Database);
var (api, http) = await BenchServices.StartApiAsync(connection, port);
var worker = BenchServices.StartWorker(connection, slots);
// The dry run counts the live workers' slots: wait until the worker has registered them, then for its warm-up.
await BenchServices.WaitForAsync(async () =>
    (await http.GetFromJsonAsync<JsonElement>(new Uri("/api/workers", UriKind.Relative))).EnumerateArray().Sum(w => w.GetProperty("slots").GetInt32()) >= slots);
await Task.Delay(TimeSpan.FromSeconds(5));

var first = examples[0].Definition(examplesDirectory);
var empty = await PlanAsync(first);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"== {examples[0].Name} on the empty installation: dry run {empty.GetProperty("estimatedWallSeconds").GetDouble():F1} s ({empty.GetProperty("estimateBasis").GetString()})"));
// A worker's slot process reads a dataset in its first trial of it (seconds under load), which no estimate
// counts: the warm-up has both slots read both datasets, as a worker that has run a while has.
foreach (var warmUp in new ShrunkExample[] { new("demo-mnist-depth-width.json", TrainSize: 2000, Epochs: 2), new("fashion-mnist-mlp-03-tested-weights.json", TrainSize: 1000, Epochs: 1) })
{
    Console.WriteLine($"== {warmUp.Name} (trainSize {warmUp.TrainSize}, {warmUp.Epochs} epochs): warm-up, not counted");
    await RunAsync(warmUp);
}

var results = new List<Outcome>();
foreach (var example in examples)
{
    Console.WriteLine($"== {example.Name} (trainSize {example.TrainSize}, {example.Epochs} epochs, no early stopping)");
    results.Add(await RunAsync(example));
}

BenchServices.Stop(worker);
BenchServices.Stop(api);
http.Dispose();
await BenchServices.DropDatabaseAsync(Database);

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one worker, {slots} slots, {Environment.ProcessorCount} cores; error = (estimate − actual) / actual"));
Console.WriteLine("rate: the dry run's seconds per reference second; seen: the rate that would have made it exact (the load's drift)");
Console.WriteLine("example                              | trials | basis    | rate  | seen  | dry run s | actual s | error  | status at epoch 1 | error  | at half the epochs | error");
Console.WriteLine("------------------------------------ | ------ | -------- | ----- | ----- | --------- | -------- | ------ | ----------------- | ------ | ------------------ | ------");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Name,-36} | {r.Trials,6} | {r.Basis,-8} | {r.Factor,5:F2} | {r.Factor * r.Actual / r.Estimated,5:F2} | {r.Estimated,9:F1} | {r.Actual,8:F1} | {Percent(r.Estimated, r.Actual),6} | {r.StatusAtFirstEpoch,17:F1} | {Percent(r.StatusAtFirstEpoch, r.Actual),6} | {r.StatusAtHalf,18:F1} | {Percent(r.StatusAtHalf, r.Actual),6}"));
}

var (estimated, actual) = (results.Sum(r => r.Estimated), results.Sum(r => r.Actual));
var worst = results.Max(r => Math.Abs(r.Estimated - r.Actual) / r.Actual);
var meanAbsolute = results.Average(r => Math.Abs(r.Estimated - r.Actual) / r.Actual);
var statusWorst = results.Max(r => Math.Abs(r.StatusAtFirstEpoch - r.Actual) / r.Actual);
var halfWorst = results.Where(r => !double.IsNaN(r.StatusAtHalf)).Select(r => Math.Abs(r.StatusAtHalf - r.Actual) / r.Actual).DefaultIfEmpty(double.NaN).Max();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"overall: dry runs {estimated:F1} s against {actual:F1} s ({Percent(estimated, actual)}); mean |error| {meanAbsolute:P0}, worst {worst:P0}; status worst |error| at epoch 1 {statusWorst:P0}, at half the epochs {halfWorst:P0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"on the empty installation (the calibrated reference alone), {results[0].Name}'s dry run said {empty.GetProperty("estimatedWallSeconds").GetDouble():F1} s: {Percent(empty.GetProperty("estimatedWallSeconds").GetDouble(), results[0].Actual)} against its actual time above"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"goal (every dry run within ±30%): {(worst <= 0.3 ? "met" : "not met")}"));
return 0;

async Task<Outcome> RunAsync(ShrunkExample example)
{
    var definition = example.Definition(examplesDirectory);
    var plan = await PlanAsync(definition);
    var id = await BenchServices.SubmitAsync(http, definition);
    double? statusTotal = null, statusHalf = null;
    JsonElement search;
    while (true)
    {
        search = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/searches/{id}", UriKind.Relative));
        if (search.GetProperty("status").GetString() == "completed" && search.GetProperty("finishedAt").ValueKind != JsonValueKind.Null)
        {
            break;
        }

        // The first status with an epoch done, and the first with half the planned epochs done: how long each
        // says the whole search takes.
        if (search.GetProperty("epochs") is { ValueKind: JsonValueKind.Object } epochs && epochs.GetProperty("done").GetInt32() is var done and > 0
            && epochs.GetProperty("estimatedSecondsLeft").ValueKind == JsonValueKind.Number)
        {
            var total = (DateTimeOffset.UtcNow - search.GetProperty("createdAt").GetDateTimeOffset()).TotalSeconds + epochs.GetProperty("estimatedSecondsLeft").GetDouble();
            statusTotal ??= total;
            statusHalf ??= 2 * done >= epochs.GetProperty("planned").GetInt32() ? total : null;
        }

        await Task.Delay(250);
    }

    var actual = (search.GetProperty("finishedAt").GetDateTimeOffset() - search.GetProperty("createdAt").GetDateTimeOffset()).TotalSeconds;
    var outcome = new Outcome(
        example.Name,
        plan.GetProperty("toTrain").GetInt32(),
        plan.GetProperty("estimateBasis").GetString()!,
        plan.GetProperty("rateFactor").GetDouble(),
        plan.GetProperty("estimatedWallSeconds").GetDouble(),
        actual,
        statusTotal ?? double.NaN,
        statusHalf ?? double.NaN);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"   dry run {outcome.Estimated:F1} s ({plan.GetProperty("workers").GetInt32()} slots, {plan.GetProperty("freeSlots").GetInt32()} free), actual {actual:F1} s; {plan.GetProperty("estimateDetail").GetString()}"));
    return outcome;
}

async Task<JsonElement> PlanAsync(string definition)
{
    using var body = new StringContent(definition, System.Text.Encoding.UTF8, "application/json");
    using var planned = await http.PostAsync(new Uri("/api/searches/plan", UriKind.Relative), body);
    planned.EnsureSuccessStatusCode();
    return await planned.Content.ReadFromJsonAsync<JsonElement>();
}

// examples/ of the checkout this bench was built in (or run from).
static string Examples()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GridSearch.sln")))
            {
                return Path.Combine(directory.FullName, "examples");
            }
        }
    }

    throw new InvalidOperationException("No GridSearch.sln above this bench or the current directory.");
}

static string Percent(double estimate, double actual) =>
    double.IsNaN(estimate) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{(estimate - actual) / actual:+0%;-0%;0%}");
