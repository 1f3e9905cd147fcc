using System.Globalization;
using GridSearch.Core.Trials;
using GridSearch.Core.Vocabulary;

namespace GridSearch.Core.Search;

/// <summary>One grid point plus the fixed values and the defaults → a complete <see cref="TrialConfig"/>.
/// Checks the rules that span axes (per-layer activations, trainSize against the split).</summary>
internal static class TrialConfigResolver
{
    public static TrialConfig? Resolve(Dataset dataset, ModelFamily model, long seed, IReadOnlyDictionary<string, (string Path, object Value)> values, ValidationErrors errors)
    {
        T Get<T>(string name)
        {
            if (values.TryGetValue(name, out var given))
            {
                return (T)given.Value;
            }

            return (T)AxisCatalog.Get(name).Default!;
        }

        string PathOf(string name) => values.TryGetValue(name, out var given) ? given.Path : $"fixed.{name}";

        var isCnn = model == ModelFamily.Cnn;
        IReadOnlyList<int> hidden = isCnn
            ? []
            : values.TryGetValue("architecture", out var explicitWidths)
                ? (int[])explicitWidths.Value
                : HiddenLayerShape.Widths(Get<LayerShape>("shape"), Get<int>("depth"), Get<int>("width"));
        var denseUnits = isCnn ? Get<int>("denseUnits") : 0;
        var convLayers = isCnn ? Get<int>("convLayers") : 0;
        var layers = isCnn ? convLayers + (denseUnits > 0 ? 1 : 0) : hidden.Count;

        var ok = true;
        IReadOnlyList<ActivationFunction> activations;
        switch (values.TryGetValue("activation", out var activation) ? activation.Value : Get<ActivationFunction>("activation"))
        {
            case ActivationFunction one:
                activations = Enumerable.Repeat(one, layers).ToArray();
                break;
            case ActivationFunction[] perLayer when perLayer.Length == layers:
                activations = perLayer;
                break;
            case ActivationFunction[] perLayer:
                var what = isCnn ? "conv blocks plus dense layer" : "hidden layers";
                errors.Add(PathOf("activation"), $"lists {perLayer.Length} activations, but a trial has {layers} {what}; give one per layer or a single one.");
                activations = perLayer;
                ok = false;
                break;
            default:
                throw new InvalidOperationException("Activation values are one activation or a list of them.");
        }

        var valSplit = Get<double>("valSplit");
        var trainPart = (int)Math.Floor(AxisCatalog.TrainingImages * (1 - valSplit));
        var trainSize = Get<int>("trainSize");
        if (trainSize > trainPart)
        {
            errors.Add(PathOf("trainSize"), string.Create(CultureInfo.InvariantCulture, $"{trainSize} is more than the {trainPart} training images left after a valSplit of {valSplit}."));
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        return new TrialConfig
        {
            Dataset = dataset,
            Model = model,
            Seed = seed,
            HiddenLayers = hidden,
            Shape = isCnn ? LayerShape.None : values.ContainsKey("architecture") ? LayerShape.Explicit : Get<LayerShape>("shape"),
            Activations = activations,
            Dropout = Get<double>("dropout"),
            BatchNorm = Get<bool>("batchNorm"),
            Initializer = Get<WeightInitializer>("initializer"),
            ConvLayers = convLayers,
            Filters = isCnn ? Get<int>("filters") : 0,
            KernelSize = isCnn ? Get<int>("kernelSize") : 0,
            DenseUnits = denseUnits,
            Optimizer = Get<Optimizer>("optimizer"),
            LearningRate = Get<double>("learningRate"),
            WeightDecay = Get<double>("weightDecay"),
            BatchSize = Get<int>("batchSize"),
            Epochs = Get<int>("epochs"),
            ValSplit = valSplit,
            TrainSize = trainSize,
            Patience = Get<int>("patience"),
            MinDelta = Get<double>("minDelta"),
            Monitor = Get<MonitoredMetric>("monitor"),
            LrSchedule = Get<LearningRateScheduleKind>("lrSchedule"),
            LrFactor = Get<double>("lrFactor"),
            LrStep = Get<int>("lrStep"),
            LrMin = Get<double>("lrMin"),
            Augment = Get<AugmentationKind>("augment"),
        };
    }
}
