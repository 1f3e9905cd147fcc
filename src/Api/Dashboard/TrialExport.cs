using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridSearch.Core.Trials;

namespace GridSearch.Api.Dashboard;

/// <summary>
/// A search's trials as flat rows: the trial's own fields, every hyperparameter of its config at the
/// top level, and every final metric. The same rows make the CSV and the JSON export.
/// </summary>
public static class TrialExport
{
    public static List<JsonObject> Rows(IEnumerable<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var rows = new List<JsonObject>();
        foreach (var trial in trials)
        {
            var row = new JsonObject
            {
                ["trialId"] = trial.Id,
                ["ordinal"] = trial.Ordinal,
                ["status"] = trial.Status.ToString().ToLowerInvariant(),
                ["attempts"] = trial.Attempts,
                ["worker"] = trial.Worker,
                ["startedAt"] = Timestamp(trial.StartedAt),
                ["finishedAt"] = Timestamp(trial.FinishedAt),
                ["error"] = trial.Error,
            };

            // Round-tripping through TrialConfig restores its declaration order, which jsonb does not keep.
            var config = JsonSerializer.SerializeToNode(TrialConfigJson.Deserialize(trial.Config), TrialConfigJson.Options)!.AsObject();
            foreach (var (name, value) in config)
            {
                row[name] = value?.DeepClone();
            }

            row["testAccuracy"] = Finite(trial.TestAccuracy);
            row["testLoss"] = Finite(trial.TestLoss);
            row["valAccuracy"] = Finite(trial.ValAccuracy);
            row["valLoss"] = Finite(trial.ValLoss);
            row["bestEpoch"] = trial.BestEpoch;
            row["stopReason"] = trial.StopReason;
            row["parameterCount"] = trial.ParameterCount;
            rows.Add(row);
        }

        return rows;
    }

    public static string ToJson(IReadOnlyList<JsonObject> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new JsonArray([.. rows.Select(r => (JsonNode)r.DeepClone())]).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>RFC 4180: a header line, CRLF line ends, and a field quoted (quotes doubled) when it holds a
    /// comma, quote or line break. Lists (hidden layers, activations) are written as compact JSON.</summary>
    public static string ToCsv(IReadOnlyList<JsonObject> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (name, _) in row)
            {
                if (!columns.Contains(name, StringComparer.Ordinal))
                {
                    columns.Add(name);
                }
            }
        }

        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(Quote)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', columns.Select(c => Quote(Text(row[c])))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string? Timestamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    // JSON has no NaN: a diverged trial's loss is exported as missing.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
