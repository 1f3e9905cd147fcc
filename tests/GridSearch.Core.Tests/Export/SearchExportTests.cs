using System.Text.Json;
using GridSearch.Core.Export;
using GridSearch.Core.Search;
using GridSearch.Core.Trials;
using GridSearch.Core.Vocabulary;
using GridSearch.Testing;

namespace GridSearch.Core.Tests.Export;

public sealed class SearchExportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    // Keys in an order of their own: the columns follow the grid (catalog) order, never the definition's.
    private const string Definition = """
        { "dataset": "mnist", "model": "mlp",
          "grid":  { "learningRate": [0.01, 0.001], "depth": [1, 2], "activation": ["relu"] },
          "fixed": { "epochs": 3 } }
        """;

    private static readonly string[] TrialColumns =
    [
        "trialId", "ordinal", "status", "testAccuracy", "testLoss", "valAccuracy", "valLoss", "bestEpoch", "stopReason",
        "parameterCount", "attempts", "seconds", "worker", "startedAt", "finishedAt", "error",
    ];

    private static GridSearch.Core.Search.Search SearchOf(string definition) => new("export", "mnist", "mlp", definition, 4, null, Now);

    private static Trial TrialAt(int ordinal, int depth, double learningRate)
    {
        var config = TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with
        {
            HiddenLayers = [.. Enumerable.Repeat(128, depth)],
            Activations = [.. Enumerable.Repeat(ActivationFunction.Relu, depth)],
            LearningRate = learningRate,
            Epochs = 3,
        };
        var json = TrialConfigJson.Serialize(config);
        return new Trial(1, ordinal, json, ConfigHash.Compute(json), 3, Now, $$"""{"depth":{{depth}},"learningRate":{{learningRate}}}""");
    }

    private static Trial Succeeded(Trial trial, double testLoss = 0.07)
    {
        trial.Claim("worker-a", Guid.NewGuid(), Now.AddMinutes(1), Now);
        trial.Succeed(new TrialResult(0.9812, testLoss, 0.98, 0.06, 3, StopReason.Completed, 101_770, [[1]]), Now.AddTicks(123_456_000));
        return trial;
    }

    private static Dictionary<string, JsonElement> Row(ExportTable table, int index) =>
        table.Columns.Zip(table.Rows[index]).ToDictionary(p => p.First, p => p.Second);

    [Fact]
    public void Columns_AreTheVaryingAxesInGridOrder_ThenTheTrial_ThenEveryConfigKeyNotAlreadyThere()
    {
        var table = SearchExport.Of(SearchOf(Definition), []);

        string[] config = [.. TrialConfigKeys.All.Where(k => k != "learningRate")];
        Assert.Equal(["depth", "learningRate", .. TrialColumns, .. config], table.Columns);
        Assert.Equal(["dataset", "model", "seed", "hiddenLayers", "activations"], config[..5]);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void Columns_OfASearchThatVariesNothing_StartWithTheTrial()
    {
        var table = SearchExport.Of(SearchOf("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [3] } }"""), []);

        Assert.Equal([.. TrialColumns, .. TrialConfigKeys.All], table.Columns);
    }

    [Fact]
    public void Row_OfASucceededTrial_HoldsItsGridPointResultAndConfigAsTypedValues()
    {
        var trial = Succeeded(TrialAt(0, 2, 0.001));

        var row = Row(SearchExport.Of(SearchOf(Definition), [trial]), 0);

        Assert.Equal(2, row["depth"].GetInt32());
        Assert.Equal(0.001, row["learningRate"].GetDouble());
        Assert.Equal("succeeded", row["status"].GetString());
        Assert.Equal(0.9812, row["testAccuracy"].GetDouble());
        Assert.Equal(101_770, row["parameterCount"].GetInt64());
        Assert.Equal("completed", row["stopReason"].GetString());
        Assert.Equal(12.346, row["seconds"].GetDouble());
        Assert.Equal("worker-a", row["worker"].GetString());
        Assert.Equal("2026-11-21T12:00:00Z", row["startedAt"].GetString());
        Assert.Equal("2026-11-21T12:00:12.3456Z", row["finishedAt"].GetString());
        Assert.Equal(JsonValueKind.Null, row["error"].ValueKind);
        Assert.Equal([128, 128], row["hiddenLayers"].EnumerateArray().Select(w => w.GetInt32()));
        Assert.Equal("mnist", row["dataset"].GetString());
        Assert.Equal(3, row["epochs"].GetInt32());
    }

    [Fact]
    public void Row_OfAQueuedTrial_HasNullMetricsAndTimes()
    {
        var row = Row(SearchExport.Of(SearchOf(Definition), [TrialAt(1, 1, 0.01)]), 0);

        Assert.Equal("queued", row["status"].GetString());
        Assert.All(["testAccuracy", "testLoss", "bestEpoch", "seconds", "worker", "startedAt", "finishedAt"], c => Assert.Equal(JsonValueKind.Null, row[c].ValueKind));
        Assert.Equal(0, row["attempts"].GetInt32());
    }

    [Fact]
    public void Row_OfADivergedTrial_HasANullLossRatherThanNaN()
    {
        var row = Row(SearchExport.Of(SearchOf(Definition), [Succeeded(TrialAt(0, 1, 0.01), testLoss: double.NaN)]), 0);

        Assert.Equal(JsonValueKind.Null, row["testLoss"].ValueKind);
        Assert.Equal(0.9812, row["testAccuracy"].GetDouble());
    }

    [Fact]
    public void Row_OfATrialQueuedBeforeGridPoints_TakesAGridColumnFromTheConfigWhenItHasThatKey()
    {
        var json = TrialConfigJson.Serialize(TrialDefaults.For(Dataset.Mnist, ModelFamily.Mlp) with { LearningRate = 0.01 });
        var trial = new Trial(1, 0, json, ConfigHash.Compute(json), 3, Now);

        var row = Row(SearchExport.Of(SearchOf(Definition), [trial]), 0);

        Assert.Equal(JsonValueKind.Null, row["depth"].ValueKind);
        Assert.Equal(0.01, row["learningRate"].GetDouble());
    }

    [Fact]
    public void ToCsv_PrintsEveryValueWithTheVocabularysRules_OneCrlfLinePerTrialAfterTheHeader()
    {
        var table = SearchExport.Of(SearchOf(Definition), [Succeeded(TrialAt(0, 2, 0.001)), TrialAt(1, 1, 0.01)]);

        var csv = table.ToCsv();

        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var rows = CsvReader.Parse(csv);
        Assert.Equal(table.Columns, rows[0]);
        var first = rows[0].Zip(rows[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("2", first["depth"]);
        Assert.Equal("0.001", first["learningRate"]);
        Assert.Equal("128-128", first["hiddenLayers"]);
        Assert.Equal("relu-relu", first["activations"]);
        Assert.Equal("false", first["batchNorm"]);
        Assert.Equal("0.9812", first["testAccuracy"]);
        Assert.Equal("", first["error"]);
        var second = rows[0].Zip(rows[2]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("queued", second["status"]);
        Assert.Equal("", second["testAccuracy"]);
    }

    [Fact]
    public void ToCsv_QuotesAnErrorWithCommasQuotesAndLineBreaks()
    {
        var table = new ExportTable(["trialId", "error"], [[Json("7"), Json("\"out of memory, \\\"CUDA\\\"\\nretrying\"")]]);

        Assert.Equal("trialId,error\r\n7,\"out of memory, \"\"CUDA\"\"\nretrying\"\r\n", table.ToCsv());
    }

    [Fact]
    public void ToJson_IsAnArrayOfObjectsWithTheCsvColumnsInOrderAndTypedValues()
    {
        var table = SearchExport.Of(SearchOf(Definition), [Succeeded(TrialAt(0, 2, 0.001)), TrialAt(1, 1, 0.01)]);

        var text = table.ToJson();

        Assert.EndsWith("]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        using var json = JsonDocument.Parse(text);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(table.Columns, r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(JsonValueKind.Number, rows[0].GetProperty("testAccuracy").ValueKind);
        Assert.Equal(JsonValueKind.Array, rows[0].GetProperty("hiddenLayers").ValueKind);
        Assert.Equal(JsonValueKind.False, rows[0].GetProperty("batchNorm").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("testAccuracy").ValueKind);
    }

    [Fact]
    public void ToJson_KeepsQuotesAndAccentsReadable()
    {
        var table = new ExportTable(["error"], [[Json("\"the \\\"größte\\\" batch\"")]]);

        Assert.Contains("\"error\": \"the \\\"größte\\\" batch\"", table.ToJson(), StringComparison.Ordinal);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
