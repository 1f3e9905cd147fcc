using System.Text.Json;
using System.Text.Json.Nodes;
using GridSearch.Cli.Api;
using GridSearch.Cli.Rendering;

namespace GridSearch.Cli.Export;

/// <summary>
/// A search's trials as one flat row each, the way Talos writes a scan: every hyperparameter (config
/// keys flattened with '.', lists joined with '-') then every final metric. Values stay typed
/// (number, string, boolean, null) so the JSON export keeps them and the CSV prints them invariantly.
/// </summary>
internal sealed class TrialRows
{
    public static readonly IReadOnlyList<string> MetricColumns =
        ["status", "testAccuracy", "testLoss", "valAccuracy", "valLoss", "bestEpoch", "stopReason", "parameterCount", "attempts", "seconds"];

    private static readonly string[] IdentityColumns = ["trialId", "ordinal"];

    private TrialRows(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, JsonNode?>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, JsonNode?>> Rows { get; }

    public static TrialRows Of(IReadOnlyList<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var hyperparameters = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<IReadOnlyDictionary<string, JsonNode?>>(trials.Count);
        foreach (var trial in trials)
        {
            var row = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
            {
                ["trialId"] = JsonValue.Create(trial.Id),
                ["ordinal"] = JsonValue.Create(trial.Ordinal),
            };
            var config = new List<KeyValuePair<string, JsonNode?>>();
            Flatten(trial.Config, "", config);
            foreach (var (key, value) in config)
            {
                if (known.Add(key))
                {
                    hyperparameters.Add(key);
                }

                row[key] = value;
            }

            var result = trial.Result;
            row["status"] = JsonValue.Create(trial.Status);
            row["testAccuracy"] = Number(result?.TestAccuracy);
            row["testLoss"] = Number(result?.TestLoss);
            row["valAccuracy"] = Number(result?.ValAccuracy);
            row["valLoss"] = Number(result?.ValLoss);
            row["bestEpoch"] = result?.BestEpoch is { } epoch ? JsonValue.Create(epoch) : null;
            row["stopReason"] = result?.StopReason is { } reason ? JsonValue.Create(reason) : null;
            row["parameterCount"] = result?.ParameterCount is { } count ? JsonValue.Create(count) : null;
            row["attempts"] = JsonValue.Create(trial.Attempts);
            row["seconds"] = Number(trial.Duration is { } duration ? Math.Round(duration.TotalSeconds, 3) : null);
            rows.Add(row);
        }

        return new TrialRows([.. IdentityColumns, .. hyperparameters, .. MetricColumns], rows);
    }

    private static void Flatten(JsonElement value, string prefix, List<KeyValuePair<string, JsonNode?>> into)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in prefix.Length == 0 ? Hyperparameters.Properties(value) : value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var key = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, key + ".", into);
                    break;
                case JsonValueKind.Array:
                    into.Add(new(key, JsonValue.Create(Hyperparameters.Format(property.Value))));
                    break;
                case JsonValueKind.Null:
                    into.Add(new(key, null));
                    break;
                default:
                    // Numbers keep the API's own text (0.001 stays 0.001).
                    into.Add(new(key, JsonNode.Parse(property.Value.GetRawText())));
                    break;
            }
        }
    }

    private static JsonValue? Number(double? value) => value is { } v ? JsonValue.Create(v) : null;
}
