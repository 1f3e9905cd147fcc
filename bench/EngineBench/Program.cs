using System.Diagnostics;
using System.Globalization;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Datasets;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Planning;
using GridSearch.Domain.Vocabulary;
using GridSearch.EngineBench;
using GridSearch.Training;
using GridSearch.Training.Data;
using GridSearch.Training.Native;
using GridSearch.Training.Plans;

// Times the training engine against bench/native_loop, a plain libtorch loop, on MNIST
// ($GRIDSEARCH_DATA or the checkout's data/), and trains the seed's best MLP.
//   dotnet run --project bench/EngineBench -c Release -- compare [--rounds 5] [--threads 1]
//       [--mlp-samples 54000] [--cnn-samples 54000] [--cnn-rounds 3] [--native-loop PATH]
//     the MLP 784-256-256-10 trained as a worker slot trains it (TrialTrainer, Adam 1e-3, batch 128,
//     valSplit 0.1): its recorded epoch seconds against the native loop's epoch plus the same validation
//     pass; and one training epoch of the Keras tutorial CNN. Engine and native loop take turns, after
//     one warm-up epoch each; medians and their ratio. --rounds 0 / --cnn-rounds 0 skip a workload.
//   dotnet run --project bench/EngineBench -c Release -- best [--epochs 15] [--patience 3] [--monitor val_accuracy]
//       [--schedule constant] [--threads 1]
//     the MLP 600-200 (ReLU, Adam, batch 64, valSplit 0.1, early stopping) on all of MNIST.
//   dotnet run --project bench/EngineBench -c Release -- allocator [--rounds 3] [--samples 9600] [--threads 1]
//     one epoch and the test pass of fashion-mnist-cnn-02's 3-block, 32-filter trial, in slot processes
//     started with and without NativeRuntime.AllocatorEnvironment, taking turns; medians and their ratio.
var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "compare";
int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

string? Text(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

T Named<T>(string option, T fallback)
    where T : struct, Enum => Text(option) is not { } name ? fallback : EnumNames.TryParse<T>(name, out var value) ? value : throw new ArgumentException($"unknown {typeof(T).Name} '{name}'; known: {string.Join(", ", EnumNames.Choices<T>())}");

if (mode != "allocator" && !StartedAsSlot(Option("--threads", 1), Text("--allocator") != "glibc"))
{
    return Environment.ExitCode;
}

var dataDirectory = DataDirectory.Locate();
var source = new IdxDataSource(dataDirectory);
if (mode != "allocator-trial")
{
    Console.WriteLine($"GridSearch engine bench: {Environment.ProcessorCount} CPU cores, data in {dataDirectory}");
}

switch (mode)
{
    case "compare":
        Compare();
        break;
    case "best":
        Best();
        break;
    case "allocator":
        Allocator();
        break;
    case "allocator-trial":
        AllocatorTrial();
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': compare, best or allocator");
        return 2;
}

return 0;

void Compare()
{
    var threads = Option("--threads", 1);
    var nativeLoop = Text("--native-loop") ?? NativeLoop.Locate();
    NativeRuntime.SetThreads(threads);
    var (torchThreads, blasThreads) = NativeRuntime.GetThreads();
    Console.WriteLine($"threads: libtorch {torchThreads}, OpenBLAS {blasThreads}, environment {string.Join(" ", NativeRuntime.SlotEnvironment(threads).Select(pair => $"{pair.Key}={pair.Value}"))} as a worker slot; native loop: {nativeLoop}");
    var rows = new List<string[]>
    {
        new[] { "workload", "samples", "engine wall s", "native wall s", "wall ratio", "engine cpu s", "native cpu s", "cpu ratio" },
    };
    rows.AddRange(TrialEpochs(Option("--mlp-samples", 54_000), Option("--rounds", 5)));
    rows.AddRange(TrainingEpochs("cnn", Workloads.Cnn(), Option("--cnn-samples", 54_000), Option("--cnn-rounds", 3)));
    Console.WriteLine();
    Console.WriteLine("medians; ratio = engine / native loop. mlp: the epoch seconds a worker records (learning rate, training");
    Console.WriteLine("epoch, validation pass) against the native loop's epoch plus the same validation pass; cnn: one training epoch");
    foreach (var row in rows)
    {
        Console.WriteLine(string.Concat(row.Select((cell, i) => i < 2 ? cell.PadRight(10) : cell.PadLeft(15))));
    }

    // The MLP trial as a worker slot trains it: TrialTrainer over the real data source with the
    // slot's thread setting; its epochs' recorded seconds are the figures compared.
    IEnumerable<string[]> TrialEpochs(int samples, int rounds)
    {
        if (rounds < 1)
        {
            Console.WriteLine("mlp: skipped (--rounds 0)");
            yield break;
        }

        var config = Workloads.MlpTrial(epochs: rounds + 1) with { TrainSize = samples };
        var validation = StratifiedSplit.Create(source.Load(Dataset.Mnist).Train.Labels, config.ValSplit, config.TrainSize, config.Seed).Validation.Length;
        using var loop = NativeLoop.Start(nativeLoop, dataDirectory, "mlp", samples, threads, validation);
        var trainer = new TrialTrainer(source, new TrainerOptions { Threads = threads });
        Console.WriteLine($"mlp trial: 784-256-256-10, {samples:N0} training and {validation:N0} validation images, warm-up epoch each, then {rounds} rounds");
        var engine = new List<EpochTiming>();
        var native = new List<EpochTiming>();
        var (cpu, faults) = (ProcessorSeconds(), MinorFaults());
        // On a thread of its own, as SlotWorker starts each trial (TaskCreationOptions.LongRunning).
        Task.Factory.StartNew(() => trainer.Train(config, epoch =>
        {
            // Processor time and faults from the end of the previous callback: the epoch and the little around it.
            var timing = new EpochTiming(epoch.Seconds, ProcessorSeconds() - cpu, MinorFaults: MinorFaults() - faults);
            var nativeTiming = loop.Epoch();
            if (epoch.Number > 1)
            {
                engine.Add(timing);
                native.Add(nativeTiming);
                Console.WriteLine($"  round {epoch.Number - 1}: engine {timing.Wall:F3} s wall {timing.Cpu:F3} s cpu {timing.MinorFaults} faults (loss {epoch.TrainLoss:F4}, val {epoch.ValAccuracy:P2}), "
                    + $"native {nativeTiming.Wall:F3} s wall ({nativeTiming.TrainWall:F3} s training) {nativeTiming.Cpu:F3} s cpu {nativeTiming.MinorFaults} faults");
            }

            (cpu, faults) = (ProcessorSeconds(), MinorFaults());
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).GetAwaiter().GetResult();
        yield return Row("mlp", samples, engine, native);
    }

    // One training epoch through TrainingSession (no validation) against the native loop's.
    IEnumerable<string[]> TrainingEpochs(string model, Architecture architecture, int samples, int rounds)
    {
        if (rounds < 1)
        {
            Console.WriteLine($"{model}: skipped (--{model}-rounds 0)");
            yield break;
        }

        // The engine trains on a stratified sample of the training images, the native loop on its first rows.
        var split = StratifiedSplit.Create(source.Load(Dataset.Mnist).Train.Labels, 0.1, samples, seed: 1);
        using var train = source.Load(Dataset.Mnist).Train.Subset(split.Train);
        using var session = TrainingSession.Create(architecture, WeightInitializer.Default, 1, new OptimizerSettings(OptimizerKind.Adam, 1e-3, 0));
        using var loop = NativeLoop.Start(nativeLoop, dataDirectory, model, train.Count, threads);
        Console.WriteLine($"{model}: {train.Count:N0} samples, {session.ParameterCount:N0} parameters, warm-up epoch each, then {rounds} rounds");
        session.TrainEpoch(train, 128);
        loop.Epoch();
        var engine = new List<EpochTiming>();
        var native = new List<EpochTiming>();
        for (var round = 1; round <= rounds; round++)
        {
            // Taking turns at going first keeps a drifting machine load from favouring either side.
            if (round % 2 == 0)
            {
                native.Add(loop.Epoch());
            }

            var cpu = ProcessorSeconds();
            var clock = Stopwatch.StartNew();
            var metrics = session.TrainEpoch(train, 128);
            engine.Add(new EpochTiming(clock.Elapsed.TotalSeconds, ProcessorSeconds() - cpu));
            if (round % 2 == 1)
            {
                native.Add(loop.Epoch());
            }

            Console.WriteLine($"  round {round}: engine {engine[^1].Wall:F3} s wall {engine[^1].Cpu:F3} s cpu (loss {metrics.Loss:F4}), "
                + $"native {native[^1].Wall:F3} s wall {native[^1].Cpu:F3} s cpu");
        }

        yield return Row(model, train.Count, engine, native);
    }

    static string[] Row(string model, int samples, List<EpochTiming> engine, List<EpochTiming> native)
    {
        var (engineWall, nativeWall) = (Median(engine.Select(t => t.Wall)), Median(native.Select(t => t.Wall)));
        var (engineCpu, nativeCpu) = (Median(engine.Select(t => t.Cpu)), Median(native.Select(t => t.Cpu)));
        return [model, samples.ToString("N0", CultureInfo.InvariantCulture), F(engineWall), F(nativeWall), F(engineWall / nativeWall),
            F(engineCpu), F(nativeCpu), F(engineCpu / nativeCpu)];
    }
}

void Best()
{
    var threads = Option("--threads", 1);
    var config = Workloads.BestMlp(Option("--epochs", 15), Option("--patience", 3), Named("--monitor", MonitoredMetric.ValAccuracy), Named("--schedule", LearningRateScheduleKind.Constant));
    var trainer = new TrialTrainer(source, new TrainerOptions { Threads = threads });
    Console.WriteLine($"MLP 784-600-200-10 on MNIST, Adam 1e-3, batch 64, up to {config.Epochs} epochs, patience {config.Patience} on {EnumNames.Of(config.Monitor)}, {EnumNames.Of(config.LrSchedule)} learning rate, {threads} threads");
    var outcome = trainer.Train(config, epoch => Console.WriteLine(
        $"  epoch {epoch.Number,2}: loss {epoch.TrainLoss:F4} acc {epoch.TrainAccuracy:P2} | val loss {epoch.ValLoss:F4} acc {epoch.ValAccuracy:P2} | {epoch.Seconds:F1} s"));
    var result = outcome.Result;
    Console.WriteLine($"test accuracy {result.TestAccuracy:P2}, test loss {result.TestLoss:F4}, best epoch {result.BestEpoch} of {outcome.History.Count} ({result.StopReason}), "
        + $"{result.ParameterCount:N0} parameters, {outcome.Duration.TotalSeconds:F1} s in all");
}

// The allocator comparison: slot processes started with and without the allocator settings, taking
// turns; each trains one trial (AllocatorTrial) and prints its figures on one line.
void Allocator()
{
    var (rounds, threads, samples) = (Option("--rounds", 3), Option("--threads", 1), Option("--samples", 9600));
    Console.WriteLine($"fashion-mnist CNN, 3 blocks from 32 filters, batch 256: one epoch of {samples:N0} training and 12,000 validation images, then the 10,000 test images; {threads} thread(s); {rounds} rounds");
    var runs = new Dictionary<string, List<double[]>> { ["kept"] = [], ["glibc"] = [] };
    for (var round = 1; round <= rounds; round++)
    {
        // Taking turns at going first keeps a drifting machine load from favouring either side.
        foreach (var allocator in round % 2 == 1 ? new[] { "kept", "glibc" } : ["glibc", "kept"])
        {
            var start = ThisBench(
                ["allocator-trial", "--allocator", allocator, "--threads", $"{threads}", "--samples", $"{samples}"],
                NativeRuntime.SlotEnvironment(threads, keepFreedMemory: allocator == "kept"));
            start.RedirectStandardOutput = true;
            using var trial = Process.Start(start) ?? throw new InvalidOperationException("Cannot start a slot process.");
            var figures = trial.StandardOutput.ReadToEnd().Trim().Split(' ').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            trial.WaitForExit();
            runs[allocator].Add(figures);
            Console.WriteLine($"  round {round}, {allocator,-5}: epoch {figures[0]:F1} s, test pass {figures[1]:F1} s, {figures[2]:N0} minor faults, test accuracy {figures[3]:P2}");
        }
    }

    Console.WriteLine();
    Console.WriteLine("medians: kept freed memory (NativeRuntime.AllocatorEnvironment), glibc's defaults, ratio glibc / kept");
    var names = new[] { "epoch s (with validation)", "test pass s", "minor faults" };
    for (var i = 0; i < names.Length; i++)
    {
        var (kept, glibc) = (Median(runs["kept"].Select(r => r[i])), Median(runs["glibc"].Select(r => r[i])));
        Console.WriteLine($"{names[i],-28}{F(kept),15}{F(glibc),15}{F(glibc / kept),10}");
    }

    // Only where memory comes from changes, so every run must end with the same weights.
    var accuracies = runs.Values.SelectMany(r => r).Select(r => r[3]).Distinct().ToList();
    Console.WriteLine(accuracies.Count == 1 ? $"test accuracy {accuracies[0]:P2} in every run" : $"test accuracy differs between runs: {string.Join(", ", accuracies)}");
}

// One slot process of the comparison: the trial on a thread of its own, as SlotWorker runs it.
void AllocatorTrial()
{
    var config = TrialDefaults.For(Dataset.FashionMnist, ModelFamily.Cnn, seed: 1) with
    {
        ConvLayers = 3,
        Filters = 32,
        KernelSize = 3,
        DenseUnits = 0,
        BatchNorm = true,
        BatchNormPosition = BatchNormPosition.AfterActivation,
        PoolPadding = PoolPadding.Same,
        Dropout = 0.25,
        BatchSize = 256,
        Epochs = 1,
        ValSplit = 0.2,
        TrainSize = Option("--samples", 9600),
    };
    var trainer = new TrialTrainer(source, new TrainerOptions { Threads = Option("--threads", 1) });
    var faults = MinorFaults();
    var outcome = Task.Factory.StartNew(() => trainer.Train(config), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).GetAwaiter().GetResult();
    Console.WriteLine(string.Join(' ', new[] { outcome.History[0].Seconds, outcome.Test.TotalSeconds, MinorFaults() - faults, outcome.Result.TestAccuracy }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
}

// A worker starts each slot process with its thread count and allocator settings in the environment
// (read once, as the process starts and libtorch loads); this bench starts itself again the same way,
// and the native loop inherits it. False when the restarted bench has done the work.
bool StartedAsSlot(int threads, bool keepFreedMemory)
{
    var environment = NativeRuntime.SlotEnvironment(threads, keepFreedMemory);
    if (environment.All(pair => Environment.GetEnvironmentVariable(pair.Key) == pair.Value))
    {
        return true;
    }

    using var bench = Process.Start(ThisBench(args, environment)) ?? throw new InvalidOperationException("Cannot restart the bench.");
    bench.WaitForExit();
    Environment.ExitCode = bench.ExitCode;
    return false;
}

// This bench again, as a slot process: the allocator settings only where the environment given has them.
static ProcessStartInfo ThisBench(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
    {
        start.ArgumentList.Add(typeof(NativeLoop).Assembly.Location);
    }

    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    foreach (var name in NativeRuntime.AllocatorEnvironment.Keys)
    {
        start.Environment.Remove(name);
    }

    foreach (var (name, value) in environment)
    {
        start.Environment[name] = value;
    }

    return start;
}

static double ProcessorSeconds()
{
    using var self = Process.GetCurrentProcess();
    return self.TotalProcessorTime.TotalSeconds;
}

// Field 10 of /proc/self/stat: minor page faults of the process so far.
static long MinorFaults() =>
    long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], CultureInfo.InvariantCulture);

static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
