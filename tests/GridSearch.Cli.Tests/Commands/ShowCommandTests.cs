using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class ShowCommandTests
{
    [Fact]
    public async Task Show_PrintsEveryHyperparameterTheEpochHistoryAndTheFinalMetrics()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(Definitions.Widths(2));
        var lease = await api.FinishNextAsync(0.9612, loss: 0.12);

        var run = await Shell.RunAsync(api.Client, "show", $"{lease.TrialId}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"trial {lease.TrialId} (search ", run.Output, StringComparison.Ordinal);
        Assert.Contains("succeeded, 1 attempt, worker test-worker", run.Output, StringComparison.Ordinal);
        Assert.Contains("grid point: width=10", run.OutputLines);
        // Every hyperparameter of an MLP, in the vocabulary's config order; none of a CNN's.
        string[] every =
        [
            "dataset", "model", "seed", "hiddenLayers", "activations", "shape",
            "batchNorm", "dropout", "initializer", "optimizer", "learningRate", "weightDecay", "batchSize",
            "epochs", "valSplit", "trainSize", "patience", "minDelta", "monitor", "lrSchedule", "lrFactor", "lrStep", "lrMin", "augment",
        ];
        var lines = every.Select(key => run.OutputLines.ToList().FindIndex(l => l.StartsWith(key + " ", StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(-1, lines);
        Assert.Equal(lines.Order(), lines);
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^hiddenLayers\s+10-10$"));
        Assert.DoesNotContain(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^(convLayers|filters|kernelSize|denseUnits|poolPadding)\s"));
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^trainSize\s+all$"));
        // The one epoch the test worker recorded: train loss 0.3, train accuracy 0.9, val loss and accuracy as finished.
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^1\s+0\.3000\s+0\.9000\s+0\.1200\s+0\.9612\s+0\.001\s+1\.5$"));
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^test accuracy\s+0\.9612$"));
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^test loss\s+0\.1200$"));
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^stop reason\s+completed$"));
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^parameters\s+1,234$"));
        Assert.Contains("confusion matrix", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ACnnTrial_LeavesOutTheMlpsShape_AndPrintsAGivenTrainSizeAsItIs()
    {
        await using var api = await ApiHost.StartAsync();
        await api.SubmitAsync(new { dataset = "mnist", model = "cnn", grid = new { filters = new[] { 8, 16 } }, @fixed = new { trainSize = 5000 } });
        var lease = await api.FinishNextAsync(0.95);

        var run = await Shell.RunAsync(api.Client, "show", $"{lease.TrialId}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^convLayers\s+2$"));
        Assert.DoesNotContain(run.OutputLines, l => l.StartsWith("shape ", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^trainSize\s+5000$"));
    }

    [Fact]
    public async Task Show_AQueuedTrial_SaysNoEpochsRecordedAndLeavesTheMetricsEmpty()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(1));
        var trialId = await api.Database.ScalarAsync($"SELECT id FROM trials WHERE search_id = {id}");

        var run = await Shell.RunAsync(api.Client, "show", $"{trialId}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("queued, 0 attempts", run.Output, StringComparison.Ordinal);
        Assert.Contains("no epochs recorded", run.Output, StringComparison.Ordinal);
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^test accuracy\s+-$"));
    }
}
