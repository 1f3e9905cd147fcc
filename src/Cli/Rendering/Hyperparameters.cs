using System.Text.Json;

namespace GridSearch.Cli.Rendering;

/// <summary>Which hyperparameters to show next to a result, and how a value reads.</summary>
internal static class Hyperparameters
{
    /// <summary>
    /// The order hyperparameters read best in: the trial config's own (dataset and model, the
    /// architecture, then training and its schedule). The API stores configs as jsonb, which sorts
    /// keys by length, so the order it serves them in means nothing. Keys not listed go last, A-Z.
    /// </summary>
    public static readonly IReadOnlyList<string> ConfigOrder =
    [
        "dataset", "model", "seed", "hiddenLayers", "shape", "activations", "dropout", "batchNorm", "initializer",
        "convLayers", "filters", "kernelSize", "denseUnits", "optimizer", "learningRate", "weightDecay", "batchSize",
        "epochs", "valSplit", "trainSize", "patience", "minDelta", "monitor", "lrSchedule", "lrFactor", "lrStep", "lrMin", "augment",
    ];

    private static readonly Dictionary<string, int> Rank = ConfigOrder.Select((key, index) => (key, index)).ToDictionary(p => p.key, p => p.index, StringComparer.Ordinal);

    private static readonly string[] MlpKeys = ["hiddenLayers", "activations", "optimizer", "learningRate", "batchSize"];
    private static readonly string[] CnnKeys = ["convLayers", "filters", "kernelSize", "denseUnits", "optimizer", "learningRate", "batchSize"];

    /// <summary>The config keys whose values differ between the configs, in config order: the
    /// search's grid axes, which are what tells its trials apart.</summary>
    public static IReadOnlyList<string> Varying(IEnumerable<JsonElement> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var keys = new List<string>();
        var values = new Dictionary<string, (HashSet<string> Distinct, int Present)>(StringComparer.Ordinal);
        var count = 0;
        foreach (var config in configs.Where(c => c.ValueKind == JsonValueKind.Object))
        {
            count++;
            foreach (var property in Properties(config))
            {
                if (!values.TryGetValue(property.Name, out var seen))
                {
                    keys.Add(property.Name);
                    seen = (new HashSet<string>(StringComparer.Ordinal), 0);
                }

                seen.Distinct.Add(property.Value.GetRawText());
                values[property.Name] = (seen.Distinct, seen.Present + 1);
            }
        }

        // A key that some configs lack also tells them apart.
        return Ordered(keys.Where(k => values[k].Distinct.Count > 1 || values[k].Present < count)).ToList();
    }

    /// <summary>The keys to show for a config: the varying ones, or when nothing varies (one trial,
    /// one combination) the ones that describe the model.</summary>
    public static IReadOnlyList<string> KeysToShow(IReadOnlyList<string> varying, JsonElement sample)
    {
        ArgumentNullException.ThrowIfNull(varying);
        if (varying.Count > 0)
        {
            return varying;
        }

        if (sample.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var isCnn = sample.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String && model.GetString() == "cnn";
        return (isCnn ? CnnKeys : MlpKeys).Where(k => sample.TryGetProperty(k, out _)).ToList();
    }

    /// <summary>A config's properties in <see cref="ConfigOrder"/>.</summary>
    public static IEnumerable<JsonProperty> Properties(JsonElement config) =>
        config.ValueKind == JsonValueKind.Object
            ? config.EnumerateObject().OrderBy(p => Rank.GetValueOrDefault(p.Name, int.MaxValue)).ThenBy(p => p.Name, StringComparer.Ordinal)
            : [];

    private static IEnumerable<string> Ordered(IEnumerable<string> keys) =>
        keys.OrderBy(k => Rank.GetValueOrDefault(k, int.MaxValue)).ThenBy(k => k, StringComparer.Ordinal);

    /// <summary>"hiddenLayers=512-256 optimizer=adam".</summary>
    public static string Describe(JsonElement config, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return string.Join(' ', keys.Select(k => $"{k}={Value(config, k)}"));
    }

    public static string Value(JsonElement config, string key) =>
        config.ValueKind == JsonValueKind.Object && config.TryGetProperty(key, out var value) ? Format(value) : Formats.Missing;

    /// <summary>A value as text: lists joined with '-' (as Talos writes them), numbers as the API wrote them.</summary>
    public static string Format(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => string.Join('-', value.EnumerateArray().Select(Format)),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
