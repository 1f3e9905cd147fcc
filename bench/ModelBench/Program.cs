// The model store's cost: bytes per kept model (raw float32 and as stored), the time to encode and
// decode it, to build its ONNX export, and ONNX Runtime's latency for one image and a batch of 1,000
// (what POST /api/trials/{id}/predict runs, without HTTP). Trains each network for one epoch on a
// slice first, so the weights are trained ones (they compress like the real thing).
using System.Diagnostics;
using System.Globalization;
using GridSearch.Core.Models;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Models;
using GridSearch.Domain.Vocabulary;
using GridSearch.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

var trainer = TrialTrainer.FromEnvironment(new TrainerOptions { Threads = Environment.ProcessorCount });
var mlp = TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with
{
    HiddenLayers = [600, 200], Shape = LayerShape.Explicit, Activations = [ActivationFunction.Relu], TrainSize = 6000, Epochs = 1,
};
// examples/mnist-cnn-keras-05-final.json's network.
var cnn = TrialDefaults.For(Dataset.Mnist, ModelFamily.Cnn) with
{
    ConvLayers = 3, Filters = 32, KernelSize = 3, DenseUnits = 64, Activations = [ActivationFunction.Relu],
    Initializer = WeightInitializer.GlorotUniform, BatchSize = 256, TrainSize = 6000, Epochs = 1,
};

Console.WriteLine("network                 parameters  raw bytes  stored bytes  ratio  encode ms  decode ms  export ms  1 image p50/p99 ms  1000 images p50/p99 ms");
foreach (var (name, config) in new[] { ("mlp 784-600-200-10", mlp), ("cnn 32-64-128, dense 64", cnn) })
{
    var state = trainer.Train(config).State;
    var stored = StoredModel.From(state);
    var encode = Median(10, () => state.Encode());
    var decode = Median(10, () => ModelState.Decode(state.Architecture, stored.Format, stored.Data));
    var onnx = OnnxExport.Build(state, name);
    var export = Median(10, () => OnnxExport.Build(state, name));
    using var session = new InferenceSession(onnx);
    var one = Latencies(200, session, 1);
    var batch = Latencies(20, session, 1000);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-23} {state.Architecture.ParameterCount,10:N0}  {state.Values.Length * 4,9:N0}  {stored.Data.Length,12:N0}  {(double)stored.Data.Length / (state.Values.Length * 4),5:F3}  {encode,9:F1}  {decode,9:F1}  {export,9:F1}  {one.P50,8:F3} / {one.P99,-8:F3}  {batch.P50,10:F1} / {batch.P99,-8:F1}"));
}

static double Median(int runs, Action action)
{
    action();
    var times = Enumerable.Range(0, runs).Select(_ => Time(action)).Order().ToList();
    return times[runs / 2];
}

static double Time(Action action)
{
    var started = Stopwatch.GetTimestamp();
    action();
    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

static (double P50, double P99) Latencies(int runs, InferenceSession session, int images)
{
    var random = new Random(1);
    var pixels = Enumerable.Range(0, images * 784).Select(_ => random.NextSingle()).ToArray();
    var input = new DenseTensor<float>(pixels, [images, 1, 28, 28]);
    void Run()
    {
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, input)]);
    }

    Run();
    var times = Enumerable.Range(0, runs).Select(_ => Time(Run)).Order().ToList();
    return (times[runs / 2], times[Math.Min(runs - 1, (int)Math.Ceiling(runs * 0.99) - 1)]);
}
