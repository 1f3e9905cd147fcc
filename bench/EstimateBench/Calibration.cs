using System.Diagnostics;
using System.Globalization;
using GridSearch.Core.Estimates;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training;
using GridSearch.Training.Data;
using GridSearch.Training.Native;
using GridSearch.Training.Plans;

namespace GridSearch.EstimateBench;

/// <summary>
/// How well the reference cost (<see cref="ReferenceCost"/>) fits: for networks from a 784-50-10 MLP to a
/// 3-block, 32-filter CNN, the processor time (one thread: a busy machine inflates it far less than wall time)
/// of a training pass and of a forward pass over the same images, each per image, against the reference's.
/// The reference's constants were fitted to these figures; a ratio far from 1 is where its shape is wrong.
/// </summary>
internal static class Calibration
{
    private static readonly TrialConfig Mlp = TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with
    {
        Shape = LayerShape.Explicit,
        Activations = [ActivationFunction.Relu],
        BatchNorm = false,
        Dropout = 0,
        Optimizer = Optimizer.Adam,
        BatchSize = 128,
        ValSplit = 0.1,
    };

    private static readonly TrialConfig Cnn = TrialDefaults.For(Dataset.Mnist, ModelFamily.Cnn) with
    {
        Activations = [ActivationFunction.Relu],
        BatchNorm = false,
        Dropout = 0,
        Optimizer = Optimizer.Adam,
        ValSplit = 0.1,
        DenseUnits = 0,
    };

    private static readonly (string Name, TrialConfig Config)[] Networks =
    [
        ("mlp 50, batch 128", Mlp with { HiddenLayers = [50] }),
        ("mlp 200-200, batch 128", Mlp with { HiddenLayers = [200, 200] }),
        ("mlp 500-500-500, batch 128", Mlp with { HiddenLayers = [500, 500, 500] }),
        ("mlp 600-200, batch 32", Mlp with { HiddenLayers = [600, 200], BatchSize = 32 }),
        ("mlp 600-200, batch 512", Mlp with { HiddenLayers = [600, 200], BatchSize = 512 }),
        ("mlp 256 dropout, batch 128", Mlp with { HiddenLayers = [256], Dropout = 0.2 }),
        ("cnn 1×8 bn same, batch 256", Cnn with { ConvLayers = 1, Filters = 8, BatchNorm = true, Dropout = 0.2, PoolPadding = PoolPadding.Same, BatchSize = 256 }),
        ("cnn 4×8 bn same, batch 256", Cnn with { ConvLayers = 4, Filters = 8, BatchNorm = true, Dropout = 0.2, PoolPadding = PoolPadding.Same, BatchSize = 256 }),
        ("cnn 2×16 k5 bn, batch 50", Cnn with { ConvLayers = 2, Filters = 16, KernelSize = 5, BatchNorm = true, BatchSize = 50 }),
        ("cnn 3×32 dense 64, batch 64", Cnn with { ConvLayers = 3, Filters = 32, DenseUnits = 64, BatchSize = 64 }),
        ("cnn 3×32 dense 64, batch 256", Cnn with { ConvLayers = 3, Filters = 32, DenseUnits = 64, BatchSize = 256 }),
    ];

    /// <summary>Runs the calibration in a process started as a worker starts a slot (one thread, the slot's
    /// allocator settings): this bench again, with that environment, unless it already has it.</summary>
    public static int RunAsSlot(string[] arguments, int images)
    {
        var environment = NativeRuntime.SlotEnvironment(1);
        if (environment.All(pair => Environment.GetEnvironmentVariable(pair.Key) == pair.Value))
        {
            Run(images);
            return 0;
        }

        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Calibration).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var bench = Process.Start(start) ?? throw new InvalidOperationException("Cannot restart the bench.");
        bench.WaitForExit();
        return bench.ExitCode;
    }

    private static void Run(int images)
    {
        NativeRuntime.SetThreads(1);
        var source = IdxDataSource.FromEnvironment();
        var data = source.Load(Dataset.Mnist);
        var split = StratifiedSplit.Create(data.Train.Labels, 0.1, images, seed: 1);
        using var train = data.Train.Subset(split.Train);
        using var forward = data.Train.Subset(split.Validation[..images]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"processor time per image, one thread, {images:N0} images, after a warm-up pass of each; reference: ReferenceCost"));
        Console.WriteLine("network                       | train µs | reference | ratio | forward µs | reference | ratio");
        Console.WriteLine("----------------------------- | -------- | --------- | ----- | ---------- | --------- | -----");
        var ratios = new List<double>();
        foreach (var (name, config) in Networks)
        {
            var plan = TrainingPlan.Create(config, data.Train.Shape, data.Classes);
            using var session = TrainingSession.Create(plan.Architecture, plan.Initializer, 1, plan.Optimizer, GridSearch.Domain.Vocabulary.TrainingDevice.Cpu);
            session.TrainEpoch(train, config.BatchSize);
            session.Evaluate(forward, 1000);
            var trainSeconds = ProcessorSeconds(() => session.TrainEpoch(train, config.BatchSize)) / train.Count;
            var forwardSeconds = ProcessorSeconds(() => session.Evaluate(forward, 1000)) / forward.Count;
            var cost = new TrialCost(ReferenceCost.ForwardSeconds(plan.Architecture), train.Count, 0, config.BatchSize, session.ParameterCount, 1);
            var referenceTrain = cost.EpochSeconds / train.Count;
            ratios.Add(trainSeconds / referenceTrain);
            ratios.Add(forwardSeconds / cost.ForwardSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-29} | {trainSeconds * 1e6,8:F1} | {referenceTrain * 1e6,9:F1} | {trainSeconds / referenceTrain,5:F2} | {forwardSeconds * 1e6,10:F1} | {cost.ForwardSeconds * 1e6,9:F1} | {forwardSeconds / cost.ForwardSeconds,5:F2}"));
        }

        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured / reference: median {ratios[ratios.Count / 2]:F2}, range {ratios[0]:F2}–{ratios[^1]:F2}"));
    }

    private static double ProcessorSeconds(Action action)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
    }
}
