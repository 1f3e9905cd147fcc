using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;

namespace GridSearch.Domain.Definition;

/// <summary>One grid point plus the fixed values and the defaults → a complete <see cref="TrialConfig"/>.
/// Checks the rules that span axes (per-layer activations, trainSize against the split); an axis that does not
/// apply to the trial (<see cref="Axis.AppliesWhen"/>) takes its default.</summary>
internal static class TrialConfigResolver
{
    public static TrialConfig? Resolve(Dataset dataset, ModelFamily model, long seed, IReadOnlyDictionary<string, (string Path, object Value)> values, ValidationErrors errors)
    {
        T Get<T>(Axis axis) => (T)(values.TryGetValue(axis.Name, out var given) ? given.Value : axis.Default!);

        string PathOf(Axis axis) => values.TryGetValue(axis.Name, out var given) ? given.Path : $"fixed.{axis.Name}";

        var isCnn = model == ModelFamily.Cnn;
        IReadOnlyList<int> hidden = isCnn
            ? []
            : values.TryGetValue(AxisCatalog.Architecture.Name, out var explicitWidths)
                ? (int[])explicitWidths.Value
                : HiddenLayerShape.Widths(Get<LayerShape>(AxisCatalog.Shape), Get<int>(AxisCatalog.Depth), Get<int>(AxisCatalog.Width));
        var denseUnits = isCnn ? Get<int>(AxisCatalog.DenseUnits) : 0;
        var convLayers = isCnn ? Get<int>(AxisCatalog.ConvLayers) : 0;
        var layers = isCnn ? convLayers + (denseUnits > 0 ? 1 : 0) : hidden.Count;

        var ok = true;
        IReadOnlyList<ActivationFunction> activations;
        switch (values.TryGetValue(AxisCatalog.Activation.Name, out var activation) ? activation.Value : Get<ActivationFunction>(AxisCatalog.Activation))
        {
            case ActivationFunction one:
                activations = Enumerable.Repeat(one, layers).ToArray();
                break;
            case ActivationFunction[] perLayer when perLayer.Length == layers:
                activations = perLayer;
                break;
            case ActivationFunction[] perLayer:
                var what = isCnn ? "conv blocks plus dense layer" : "hidden layers";
                errors.Add(PathOf(AxisCatalog.Activation), $"lists {perLayer.Length} activations, but a trial has {layers} {what}; give one per layer or a single one.");
                activations = perLayer;
                ok = false;
                break;
            default:
                throw new InvalidOperationException("Activation values are one activation or a list of them.");
        }

        var valSplit = Get<double>(AxisCatalog.ValSplit);
        var trainPart = (int)Math.Floor(AxisCatalog.TrainingImages * (1 - valSplit));
        var trainSize = Get<int>(AxisCatalog.TrainSize);
        if (trainSize > trainPart)
        {
            errors.Add(PathOf(AxisCatalog.TrainSize), string.Create(CultureInfo.InvariantCulture, $"{trainSize} is more than the {trainPart} training images left after a valSplit of {valSplit}."));
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        // Every config property named after an axis takes that axis's value (given, else its default);
        // an axis of the other model family means nothing to this trial, so its property is zero (a choice's
        // first member).
        // What spans axes (the layers, the shape, the activations, the split) was worked out above.
        var config = new JsonObject();
        foreach (var axis in AxisCatalog.All)
        {
            config[axis.Name] = axis.OnlyFor is null || axis.OnlyFor == model
                ? JsonSerializer.SerializeToNode(Get<object?>(axis), VocabularyJson.Options)
                : axis.EnumType is { } choices ? JsonSerializer.SerializeToNode(Enum.ToObject(choices, 0), choices, VocabularyJson.Options) : 0;
        }

        foreach (var (name, value) in new (string, object)[]
        {
            (nameof(TrialConfig.Dataset), dataset),
            (nameof(TrialConfig.Model), model),
            (nameof(TrialConfig.Seed), seed),
            (nameof(TrialConfig.HiddenLayers), hidden),
            (nameof(TrialConfig.Shape), isCnn ? LayerShape.None : values.ContainsKey(AxisCatalog.Architecture.Name) ? LayerShape.Explicit : Get<LayerShape>(AxisCatalog.Shape)),
            (nameof(TrialConfig.Activations), activations),
        })
        {
            config[JsonNamingPolicy.CamelCase.ConvertName(name)] = JsonSerializer.SerializeToNode(value, value.GetType(), VocabularyJson.Options);
        }

        // An axis that means nothing to this trial given the others (batch norm's position with batch norm off,
        // a schedule's factor with a constant rate) takes its default: grid points that differ only there are
        // one network, with one hash, and the planner keeps it once.
        var resolved = config.Deserialize<TrialConfig>(VocabularyJson.Options)!;
        var idle = AxisCatalog.All.Where(axis => axis.AppliesWhen is not null && !axis.AppliesTo(resolved)).ToList();
        if (idle.Count == 0)
        {
            return resolved;
        }

        foreach (var axis in idle)
        {
            config[axis.Name] = JsonSerializer.SerializeToNode(axis.Default, VocabularyJson.Options);
        }

        return config.Deserialize<TrialConfig>(VocabularyJson.Options);
    }
}
