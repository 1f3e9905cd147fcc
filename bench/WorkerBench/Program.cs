using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GridSearch.Bench;
using Npgsql;

// Runs the seed's MNIST grid (depth 2, 3, 4 × width 50, 100, 200, 400, ReLU, Adam, batch 128,
// 2 epochs: 12 trials) through the real API and a real worker, once with 1 slot and once with 2,
// each on a fresh database, and prints wall time, trials per hour and the service's overhead; then both
// again with a checkpoint written with every epoch (--checkpoint-seconds 0), the reference the default
// cadence is measured against.
// With --soak: 300 tiny trials through one worker with 2 slots, and the worker's resident memory
// (supervisor and slot processes) after trial 20 and after trial 300: a leak per trial shows as growth.
// With --versus-pytorch [rounds]: the service against the savvy user's PyTorch script (VersusPyTorch).
const string Grid = """
    { "name": "bench-mnist-depth-width", "dataset": "mnist", "model": "mlp", "seed": 42,
      "grid":  { "depth": [2, 3, 4], "width": [50, 100, 200, 400], "activation": ["relu"] },
      "fixed": { "optimizer": "adam", "learningRate": 0.001, "batchSize": 128, "epochs": 2, "valSplit": 0.1 } }
    """;

var defaultCheckpointSeconds = new GridSearch.Worker.Hosting.WorkerOptions().CheckpointSeconds;

if (args is ["--versus-pytorch", ..])
{
    await VersusPyTorch.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
    return;
}

if (args is ["--soak", ..])
{
    await SoakAsync();
    return;
}

var slotCounts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 2];
var rows = new List<string>();
foreach (var everyEpoch in new[] { false, true })
{
    foreach (var slots in slotCounts)
    {
        rows.Add(await RunAsync(slots, everyEpoch));
    }
}

Console.WriteLine();
Console.WriteLine("slots | checkpoints | trials | wall s | trials/hour | epoch s (sum) | in-trial overhead s/trial | of which test pass s/trial | data load ms/slot | in-trial besides the test pass and data load ms/trial (setup ms) | the same after each slot's first | service overhead s/trial");
Console.WriteLine("----- | ----------- | ------ | ------ | ----------- | ------------- | ------------------------- | -------------------------- | ----------------- | ---------------------------------------------------------------- | -------------------------------- | ------------------------");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine($"checkpoints: every {defaultCheckpointSeconds} s of training (the default: these 2-epoch trials write none) or with every epoch but the last (--checkpoint-seconds 0).");
Console.WriteLine("in-trial overhead: a trial's start-to-finish time minus its epochs (data split, model setup, test evaluation, database writes).");
Console.WriteLine("test pass, data load and setup: as the worker logs them for each trial (the test pass over 10,000 images with its confusion matrix;");
Console.WriteLine("  the data load: MNIST read once per slot process, in its first trial; setup: split, sets, network).");
Console.WriteLine("after each slot's first: the trials that were not their slot process's first (that one also pays the data read and what warm-up leaves).");
Console.WriteLine("service overhead: (wall × slots − Σ epoch seconds) / trials: everything not spent in training epochs, idle slots and worker start included.");

async Task<string> RunAsync(int slots, bool everyEpoch)
{
    var database = $"gridsearch_bench_worker_{slots}";
    var logged = new System.Collections.Concurrent.ConcurrentDictionary<long, (double DataMs, double SetupMs, double TestMs)>();
    void Read(string line)
    {
        var match = System.Text.RegularExpressions.Regex.Match(line, @"Trial (\d+) ended .*\(data load (\d+) ms, setup (\d+) ms, test pass (\d+) ms\)");
        if (match.Success)
        {
            double Group(int i) => double.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture);
            logged[long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] = (Group(2), Group(3), Group(4));
        }
    }

    BenchServices.TrialLine += Read;
    var (connection, _, wall) = await BenchServices.RunSearchAsync(database, 5300 + slots, Grid, slots, everyEpoch ? ["--checkpoint-seconds", "0"] : []);
    BenchServices.TrialLine -= Read;

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
    // Each trial's time outside its epochs, and whether it was its slot process's first (the worker column names the process).
    var perTrial = new List<(long Id, double Seconds, bool First)>();
    await using (var each = dataSource.CreateCommand("""
        SELECT t.id, extract(epoch FROM t.finished_at - t.started_at) - (SELECT sum(seconds) FROM epochs e WHERE e.trial_id = t.id),
               t.started_at = min(t.started_at) OVER (PARTITION BY t.worker)
        FROM trials t
        """))
    await using (var rows = await each.ExecuteReaderAsync())
    {
        while (await rows.ReadAsync())
        {
            perTrial.Add((rows.GetInt64(0), rows.GetDouble(1), rows.GetBoolean(2)));
        }
    }

    await dataSource.DisposeAsync();
    await BenchServices.DropDatabaseAsync(database);

    if (succeeded != trials)
    {
        throw new InvalidOperationException($"{trials - succeeded} of {trials} trials did not succeed.");
    }

    var inTrial = (trialSeconds - epochSeconds) / trials;
    var test = logged.IsEmpty ? double.NaN : logged.Values.Average(l => l.TestMs) / 1000;
    var setup = logged.IsEmpty ? double.NaN : logged.Values.Average(l => l.SetupMs);
    // Each slot reads MNIST once, in its first trial.
    var dataLoad = logged.IsEmpty ? double.NaN : logged.Values.Sum(l => l.DataMs) / slots;
    var besides = (inTrial - test) * 1000 - dataLoad * slots / trials;
    var later = perTrial.Where(t => !t.First && logged.ContainsKey(t.Id)).ToList();
    var besidesLater = later.Count == 0 ? double.NaN : later.Average(t => (t.Seconds * 1000) - logged[t.Id].TestMs);
    return string.Create(CultureInfo.InvariantCulture,
        $"{slots,5} | {(everyEpoch ? "every epoch" : $"every {defaultCheckpointSeconds} s"),11} | {trials,6} | {wall,6:F1} | {trials / wall * 3600,11:F0} | {epochSeconds,13:F1} | {inTrial,25:F2} | {test,26:F2} | {dataLoad,17:F0} | {besides,56:F0} ({setup,5:F0}) | {besidesLater,32:F0} | {((wall * slots) - epochSeconds) / trials,24:F2}");
}

async Task SoakAsync()
{
    const int Trials = 300;
    const int Early = 20;
    const string Database = "gridsearch_bench_soak";
    var connection = await BenchServices.FreshDatabaseAsync(Database);
    var (api, http) = await BenchServices.StartApiAsync(connection, 5310);

    // 300 distinct tiny MLPs: one hidden layer of 1..300 units, 200 training images, one epoch.
    var definition = new
    {
        name = "soak", dataset = "mnist", model = "mlp", seed = 1,
        grid = new { width = Enumerable.Range(1, Trials).ToArray() },
        @fixed = new { depth = 1, epochs = 1, trainSize = 200, batchSize = 50 },
    };
    await BenchServices.SubmitAsync(http, JsonSerializer.Serialize(definition));

    var clock = Stopwatch.StartNew();
    using var worker = BenchServices.StartWorker(connection, slots: 2);
    await using var dataSource = NpgsqlDataSource.Create(connection);
    async Task<long> FinishedAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM trials WHERE status = 'succeeded'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    var earlyFinished = 0L;
    Dictionary<string, long>? earlyKb = null;
    await BenchServices.WaitForAsync(async () =>
    {
        var finished = await FinishedAsync();
        if (earlyKb is null && finished >= Early)
        {
            (earlyFinished, earlyKb) = (finished, ResidentKb(worker.Id));
        }

        return finished == Trials;
    });
    var late = ResidentKb(worker.Id);
    var early = (Finished: earlyFinished, Kb: earlyKb ?? throw new InvalidOperationException("Never sampled."));
    var wall = clock.Elapsed.TotalSeconds;
    BenchServices.Stop(worker);
    BenchServices.Stop(api);
    api.Dispose();
    http.Dispose();
    await dataSource.DisposeAsync();
    await BenchServices.DropDatabaseAsync(Database);

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Trials} trials, 2 slots, {wall:F0} s ({Trials / wall * 3600:F0} trials/hour)"));
    var before20 = string.Create(CultureInfo.InvariantCulture, $"RSS after trial {early.Finished} (MiB)");
    var after300 = string.Create(CultureInfo.InvariantCulture, $"RSS after trial {Trials} (MiB)");
    Console.WriteLine($"process     | {before20} | {after300} | ratio");
    foreach (var name in early.Kb.Keys.Union(late.Keys))
    {
        var before = early.Kb.GetValueOrDefault(name);
        var after = late.GetValueOrDefault(name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-11} | {(before / 1024.0).ToString("F1", CultureInfo.InvariantCulture).PadLeft(before20.Length)} | {(after / 1024.0).ToString("F1", CultureInfo.InvariantCulture).PadLeft(after300.Length)} | {(before > 0 ? (double)after / before : double.NaN):F3}"));
    }

    var ratio = (double)late["total"] / early.Kb["total"];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the worker's resident memory after trial {Trials} is {ratio:F3} × that after trial {early.Finished}: {(Math.Abs(ratio - 1) <= 0.10 ? "within" : "NOT within")} 10%"));
}

// Resident memory (VmRSS, KiB) of the worker's supervisor and of each slot process (its children), by name.
static Dictionary<string, long> ResidentKb(int supervisor)
{
    var resident = new Dictionary<string, long> { ["supervisor"] = Rss(supervisor) };
    var slot = 0;
    foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var p) ? p : 0).Where(p => p > 0).Order())
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            if (parent == supervisor)
            {
                resident[$"slot {slot++}"] = Rss(pid);
            }
        }
        catch (IOException)
        {
            // The process ended meanwhile.
        }
    }

    resident["total"] = resident.Values.Sum();
    return resident;
}

static long Rss(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();

