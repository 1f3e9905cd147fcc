using System.Text.Json;
using GridSearch.Core.Estimates;
using GridSearch.Core.Export;
using GridSearch.Core.Leaderboard;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Domain.Definition;
using GridSearch.Domain.Trials;
using GridSearch.Domain.Vocabulary;
using GridSearch.Testing;
using GridSearch.Testing.Database;

namespace GridSearch.Core.Tests.Export;

/// <summary>The export's rows, built from a search submitted, run and read back the way the endpoint
/// does it (trials are a read model: only the queue's SQL writes them).</summary>
public sealed class SearchExportTests : IAsyncLifetime
{
    // Keys in an order of their own: the columns follow the grid (catalog) order, never the definition's.
    // The deeper nets first: the queue hands out the most work first, so grid point 0 is claimed first.
    private const string Definition = """
        { "dataset": "mnist", "model": "mlp",
          "grid":  { "learningRate": [0.01, 0.001], "depth": [2, 1], "activation": ["relu"] },
          "fixed": { "epochs": 3 } }
        """;

    private static readonly string[] TrialColumns =
    [
        "trialId", "ordinal", "repeat", "status", "testAccuracy", "testLoss", "valAccuracy", "valLoss", "bestEpoch", "stopReason",
        "parameterCount", "attempts", "seconds", "worker", "startedAt", "finishedAt", "error", "chosenBy",
    ];

    private TestDatabase db = null!;
    private TrialQueue queue = null!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        queue = new TrialQueue(db.DataSource, new QueueOptions());
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task Columns_AreTheVaryingAxesInGridOrder_ThenTheTrial_ThenEveryConfigKeyNotAlreadyThere()
    {
        var table = await ExportAsync(await SubmitAsync(Definition));

        string[] config = [.. TrialConfigKeys.For(ModelFamily.Mlp).Where(k => k != "learningRate")];
        Assert.Equal(["depth", "learningRate", .. TrialColumns, .. config], table.Columns);
        Assert.Equal(["dataset", "model", "seed", "hiddenLayers", "activations"], config[..5]);
        Assert.Equal(SearchExport.Columns(["depth", "learningRate"], ModelFamily.Mlp), table.Columns);
    }

    [Fact]
    public async Task Columns_OfASearchThatVariesNothing_StartWithTheTrial()
    {
        var table = await ExportAsync(await SubmitAsync("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [3] } }"""));

        Assert.Equal([.. TrialColumns, .. TrialConfigKeys.For(ModelFamily.Mlp)], table.Columns);
        Assert.Single(table.Rows);
    }

    [Theory]
    [InlineData("mlp", new[] { "shape" }, new[] { "convLayers", "filters", "kernelSize", "denseUnits" })]
    [InlineData("cnn", new[] { "convLayers", "filters", "kernelSize", "denseUnits" }, new[] { "shape" })]
    public async Task Columns_LeaveOutTheAxesOfTheOtherModelFamily(string model, string[] kept, string[] leftOut)
    {
        var table = await ExportAsync(await SubmitAsync($$"""{ "dataset": "mnist", "model": "{{model}}", "grid": { "learningRate": [0.1, 0.01] } }"""));

        Assert.Subset(table.Columns.ToHashSet(), kept.ToHashSet());
        Assert.Empty(table.Columns.Intersect(leftOut));
        Assert.DoesNotContain(table.Columns, c => AxisCatalog.TryGet(c, out var axis) && axis.OnlyFor is { } family && EnumNames.Of(family) != model);
    }

    [Fact]
    public async Task TrainSize_AtItsDefault_IsAll_AndAsGivenOtherwise_InTheJsonAndTheCsv()
    {
        var all = await ExportAsync(await SubmitAsync("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [1] } }"""));
        var some = await ExportAsync(await SubmitAsync("""{ "dataset": "mnist", "model": "mlp", "grid": { "depth": [1] }, "fixed": { "trainSize": 5000 } }"""));

        Assert.Equal("all", Row(all, 0)["trainSize"].GetString());
        Assert.Equal(5000, Row(some, 0)["trainSize"].GetInt32());
        var csv = CsvReader.Parse(all.ToCsv());
        Assert.Equal("all", csv[1][csv[0].IndexOf("trainSize")]);
    }

    [Fact]
    public async Task Rows_AreTheTrialsInOrdinalOrder_WithTheirGridPointsAsWritten()
    {
        var table = await ExportAsync(await SubmitAsync(Definition));

        Assert.Equal([0, 1, 2, 3], table.Rows.Select((_, i) => Row(table, i)["ordinal"].GetInt32()));
        // depth varies slowest: it comes first in the grid.
        Assert.Equal([(2, 0.01), (2, 0.001), (1, 0.01), (1, 0.001)], table.Rows.Select((_, i) => (Row(table, i)["depth"].GetInt32(), Row(table, i)["learningRate"].GetDouble())));
    }

    [Fact]
    public async Task Row_OfASucceededTrial_HoldsItsResultTimesAndConfigAsTypedValues()
    {
        var id = await SubmitAsync(Definition);
        var trialId = await FinishNextAsync(testLoss: 0.07);

        var row = Row(await ExportAsync(id), 0);

        Assert.Equal(trialId, row["trialId"].GetInt64());
        Assert.Equal("succeeded", row["status"].GetString());
        Assert.Equal(0.9812, row["testAccuracy"].GetDouble());
        Assert.Equal(0.07, row["testLoss"].GetDouble());
        Assert.Equal(101_770, row["parameterCount"].GetInt64());
        Assert.Equal("completed", row["stopReason"].GetString());
        Assert.Equal(1, row["attempts"].GetInt32());
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
    public async Task Row_OfAQueuedTrial_HasNullMetricsAndTimes()
    {
        var row = Row(await ExportAsync(await SubmitAsync(Definition)), 1);

        Assert.Equal("queued", row["status"].GetString());
        Assert.All(["testAccuracy", "testLoss", "bestEpoch", "seconds", "worker", "startedAt", "finishedAt"], c => Assert.Equal(JsonValueKind.Null, row[c].ValueKind));
        Assert.Equal(0, row["attempts"].GetInt32());
    }

    [Fact]
    public async Task Row_OfADivergedTrial_HasANullLossRatherThanNaN()
    {
        var id = await SubmitAsync(Definition);
        await FinishNextAsync(testLoss: double.NaN);

        var row = Row(await ExportAsync(id), 0);

        Assert.Equal(JsonValueKind.Null, row["testLoss"].ValueKind);
        Assert.Equal(0.9812, row["testAccuracy"].GetDouble());
    }

    [Fact]
    public async Task Row_OfATrialQueuedBeforeGridPoints_TakesAGridColumnFromTheConfigWhenItHasThatKey()
    {
        var id = await SubmitAsync(Definition);
        await db.ExecuteAsync("UPDATE trials SET grid_point = '{}'::jsonb");

        var row = Row(await ExportAsync(id), 0);

        Assert.Equal(JsonValueKind.Null, row["depth"].ValueKind);
        Assert.Equal(0.01, row["learningRate"].GetDouble());
    }

    [Fact]
    public async Task ToCsv_PrintsEveryValueWithTheVocabularysRules_OneCrlfLinePerTrialAfterTheHeader()
    {
        var id = await SubmitAsync(Definition);
        await FinishNextAsync(testLoss: 0.07);
        var table = await ExportAsync(id);

        var csv = table.ToCsv();

        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(5, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var rows = CsvReader.Parse(csv);
        Assert.Equal(table.Columns, rows[0]);
        var first = rows[0].Zip(rows[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("2", "0.01", "0.9812", ""), (first["depth"], first["learningRate"], first["testAccuracy"], first["error"]));
        Assert.Equal(("128-128", "relu-relu", "false"), (first["hiddenLayers"], first["activations"], first["batchNorm"]));
        var last = rows[0].Zip(rows[4]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("queued", "", "128", "relu"), (last["status"], last["testAccuracy"], last["hiddenLayers"], last["activations"]));
    }

    [Fact]
    public async Task ToJson_IsAnArrayOfObjectsWithTheCsvColumnsInOrderAndTypedValues()
    {
        var id = await SubmitAsync(Definition);
        await FinishNextAsync(testLoss: 0.07);
        var table = await ExportAsync(id);

        var text = table.ToJson();

        Assert.EndsWith("]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        using var json = JsonDocument.Parse(text);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(table.Columns, r.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(JsonValueKind.Number, rows[0].GetProperty("testAccuracy").ValueKind);
        Assert.Equal(JsonValueKind.Array, rows[0].GetProperty("hiddenLayers").ValueKind);
        Assert.Equal(JsonValueKind.False, rows[0].GetProperty("batchNorm").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("testAccuracy").ValueKind);
    }

    private static Dictionary<string, JsonElement> Row(ExportTable table, int index) =>
        table.Columns.Zip(table.Rows[index]).ToDictionary(p => p.First, p => p.Second);

    private SearchService Service(GridSearchDbContext context) =>
        new(context, queue, new ResultCache(db.DataSource, new QueueOptions()), new LeaderboardQuery(db.DataSource), new SearchLimits(), new EpochRateQuery(db.DataSource), TimeProvider.System);

    private async Task<long> SubmitAsync(string definition)
    {
        await using var context = db.CreateDbContext();
        using var json = JsonDocument.Parse(definition);
        var submission = await Service(context).SubmitAsync(json.RootElement, null, default);
        Assert.True(submission.IsValid);
        return submission.Search!.Id;
    }

    /// <summary>What the endpoint exports: the search and all its trials, as the service reads them.</summary>
    private async Task<ExportTable> ExportAsync(long id)
    {
        await using var context = db.CreateDbContext();
        var service = Service(context);
        var progress = await service.GetAsync(id, default);
        var trials = await service.TrialsAsync(id, null, TrialSort.Default, 1, int.MaxValue, default);
        return SearchExport.Of(progress!.Search, trials!.Items);
    }

    /// <summary>Runs the next trial to success as worker-a, from 12:00:00 to 12:00:12.3456 UTC.</summary>
    private async Task<long> FinishNextAsync(double testLoss)
    {
        var lease = await queue.ClaimAsync("worker-a", default) ?? throw new InvalidOperationException("Nothing to claim.");
        var result = new TrialResult(0.9812, testLoss, 0.98, 0.06, 3, StopReason.Completed, 101_770, [[1]]);
        Assert.True(await queue.CompleteAsync(lease, result, model: null, default));
        await db.ExecuteAsync(
            $"UPDATE trials SET started_at = '2026-11-21T12:00:00Z', finished_at = '2026-11-21T12:00:12.3456Z' WHERE id = {lease.TrialId}");
        return lease.TrialId;
    }
}
