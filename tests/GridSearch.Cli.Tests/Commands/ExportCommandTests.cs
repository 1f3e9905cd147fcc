using System.Globalization;
using System.Text.Json;
using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    private static readonly string[] EveryHyperparameter =
    [
        "dataset", "model", "seed", "hiddenLayers", "shape", "activations", "dropout", "batchNorm", "initializer",
        "convLayers", "filters", "kernelSize", "denseUnits", "optimizer", "learningRate", "weightDecay", "batchSize",
        "epochs", "valSplit", "trainSize", "patience", "minDelta", "monitor", "lrSchedule", "lrFactor", "lrStep", "lrMin", "augment",
    ];

    private static readonly string[] EveryMetric =
        ["status", "testAccuracy", "testLoss", "valAccuracy", "valLoss", "bestEpoch", "stopReason", "parameterCount", "attempts", "seconds"];

    [Fact]
    public async Task ExportCsv_HasAHeaderWithEveryHyperparameterAndMetricAndOneRowPerTrial()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);
        await Shell.RunAsync(api.Client, "submit", file.Path);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");
        var finished = await api.FinishNextAsync(0.9312, loss: 0.2);

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Errors);
        var rows = Csv.Parse(run.Output);
        var header = rows[0];
        Assert.Equal(["trialId", "ordinal", .. EveryHyperparameter, .. EveryMetric], header);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Count, r.Count));
        var first = header.Zip(rows[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal($"{finished.TrialId}", first["trialId"]);
        Assert.Equal("0", first["ordinal"]);
        Assert.Equal("64", first["hiddenLayers"]);
        Assert.Equal("relu", first["activations"]);
        Assert.Equal("0.001", first["learningRate"]);
        Assert.Equal("false", first["batchNorm"]);
        Assert.Equal("succeeded", first["status"]);
        Assert.Equal("0.9312", first["testAccuracy"]);
        Assert.Equal("0.2", first["testLoss"]);
        Assert.Equal("1", first["bestEpoch"]);
        Assert.Equal("completed", first["stopReason"]);
        Assert.Equal("1234", first["parameterCount"]);
        Assert.Equal("1", first["attempts"]);
        Assert.True(double.Parse(first["seconds"], CultureInfo.InvariantCulture) >= 0);
        var last = header.Zip(rows[4]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("128-128", last["hiddenLayers"]);
        Assert.Equal("relu-relu", last["activations"]);
        Assert.Equal("queued", last["status"]);
        Assert.Equal("", last["testAccuracy"]);
        Assert.Equal("", last["seconds"]);
    }

    [Fact]
    public async Task ExportJson_IsAnArrayOfOneFlatObjectPerTrialWithTheCsvColumnsAndTypedValues()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(3));
        await api.FinishNextAsync(0.95);

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var trials = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal(["trialId", "ordinal", .. EveryHyperparameter, .. EveryMetric], t.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("10-10", trials[0].GetProperty("hiddenLayers").GetString());
        Assert.Equal(0.001, trials[0].GetProperty("learningRate").GetDouble());
        Assert.Equal(0.95, trials[0].GetProperty("testAccuracy").GetDouble());
        Assert.Equal(1234, trials[0].GetProperty("parameterCount").GetInt64());
        Assert.Equal(JsonValueKind.Null, trials[1].GetProperty("testAccuracy").ValueKind);
        Assert.Equal("queued", trials[2].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Export_OfMoreTrialsThanOnePage_PagesThroughAllOfThem()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(620));

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        var rows = Csv.Parse(run.Output);
        Assert.Equal(621, rows.Count);
        Assert.Equal(Enumerable.Range(0, 620).Select(i => $"{i}"), rows.Skip(1).Select(r => r[1]));
    }

    [Fact]
    public async Task Export_WithOutput_WritesTheFileAndSaysHowManyTrials()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(2));
        using var target = new TempFile(extension: ".csv");

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "csv", "--output", target.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"wrote 2 trials to {target.Path}"], run.OutputLines);
        Assert.Equal(3, Csv.Parse(await File.ReadAllTextAsync(target.Path)).Count);
    }

    [Fact]
    public async Task Export_ToAFolderThatDoesNotExist_SaysSoAndExits2()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(1));
        var target = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "out.csv");

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "csv", "--output", target);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: cannot write {target}: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WithoutFormat_IsAUsageErrorExit2()
    {
        var run = await Shell.RunAsync(null, "export", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format", run.Errors, StringComparison.Ordinal);
    }
}
