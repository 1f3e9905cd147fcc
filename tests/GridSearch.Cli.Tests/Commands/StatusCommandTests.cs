using System.Net.Http.Json;
using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_AfterSomeTrialsFinish_ShowsProgressRunningFailedTimeLeftAndTheBestWithItsVaryingHyperparameters()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(4));
        await api.FinishNextAsync(0.91);
        var best = await api.FinishNextAsync(0.97, loss: 0.05);
        await api.Queue.ClaimAsync("busy-worker", CancellationToken.None);

        var run = await Shell.RunAsync(api.Client, "status", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"search {id} mnist-widths (mnist, mlp) running", run.Output, StringComparison.Ordinal);
        Assert.Contains("2/4 (50%) finished", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 running, 2 succeeded, 0 failed, 1 queued", run.Output, StringComparison.Ordinal);
        Assert.Contains("about ", run.Output, StringComparison.Ordinal);
        Assert.Contains(" left", run.Output, StringComparison.Ordinal);
        // Only the width varies in this grid, so it is the hyperparameter the best is described by.
        Assert.Contains($"best  0.9700 test accuracy (loss 0.0500), trial {best.TrialId}: width=20", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OfThreeLongTrials_MovesByEpochsFromTheFirstEpochWithTheTimeLeft()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new { dataset = "mnist", model = "mlp", grid = new { width = new[] { 10, 20, 30 } }, @fixed = new { epochs = 30 } });
        var lease = (await api.Queue.ClaimAsync("slot-a", CancellationToken.None))!;
        for (var number = 1; number <= 3; number++)
        {
            await api.Queue.RecordEpochAsync(lease, new GridSearch.Domain.Trials.Epoch { TrialId = lease.TrialId, Number = number, TrainLoss = 0.4, TrainAccuracy = 0.8, ValLoss = 0.4, ValAccuracy = 0.8, LearningRate = 0.001, Seconds = 10 }, checkpoint: null, CancellationToken.None);
        }

        var run = await Shell.RunAsync(api.Client, "status", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0/3 (0%) finished · 3/90 epochs (3%)", run.Output, StringComparison.Ordinal);
        // On the one slot running it: its 3 epochs took 10 s each against the reference's E, blended with the plan (the
        // reference, counted as 3 epochs); ends at the plan's rate, as none has ended.
        static GridSearch.Core.Estimates.TrialCost Cost(int width) => GridSearch.Core.Estimates.ReferenceCost.Of(
            GridSearch.Domain.Definition.TrialDefaults.For(GridSearch.Domain.Vocabulary.Dataset.Mnist, GridSearch.Domain.Vocabulary.ModelFamily.Mlp) with
            {
                HiddenLayers = [width, width],
                Activations = [GridSearch.Domain.Vocabulary.ActivationFunction.Relu],
                Epochs = 30,
            })!;
        var (c10, c20, c30) = (Cost(10), Cost(20), Cost(30));
        var factor = (3 + (3 * (30 / (3 * c10.EpochSeconds)))) / 6;
        var left = (factor * ((27 * c10.EpochSeconds) + (30 * c20.EpochSeconds) + (30 * c30.EpochSeconds))) + c10.EndSeconds + c20.EndSeconds + c30.EndSeconds;
        Assert.Contains($"about {GridSearch.Cli.Rendering.Formats.Duration(TimeSpan.FromSeconds(left))} left", run.Output, StringComparison.Ordinal);
        // No trial has finished, yet the bar has moved.
        Assert.Contains("\n█░", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OfASearchALimitStopped_SaysWhichLimit()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new { name = "capped", dataset = "mnist", model = "mlp", limits = new { maxTrials = 1 }, grid = new { width = new[] { 10, 20, 30 } } });
        await using (var lease = (await api.Queue.ClaimAsync("w", CancellationToken.None))!)
        {
            await api.Queue.CheckLimitsAtClaimAsync(lease, lease.Rules.Limits, CancellationToken.None);
            await api.Queue.CompleteAsync(lease, new(0.9, 0.3, 0.9, 0.3, 1, "completed", 10, [[1]]), model: null, CancellationToken.None);
        }

        var run = await Shell.RunAsync(api.Client, "status", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"search {id} capped (mnist, mlp) completed (stopped: max_trials)", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 succeeded, 0 failed, 0 queued, 2 cancelled", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OfACancelledSearchWhereNothingSucceeded_ShowsNoneFinishedAndEveryTrialCancelled_NotAFullBar()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new { name = "stopped", dataset = "mnist", model = "mlp", grid = new { width = new[] { 10, 20, 30 } }, @fixed = new { epochs = 30 } });
        var lease = (await api.Queue.ClaimAsync("slot-a", CancellationToken.None))!;
        for (var number = 1; number <= 2; number++)
        {
            await api.Queue.RecordEpochAsync(lease, new GridSearch.Domain.Trials.Epoch { TrialId = lease.TrialId, Number = number, TrainLoss = 0.4, TrainAccuracy = 0.8, ValLoss = 0.4, ValAccuracy = 0.8, LearningRate = 0.001, Seconds = 10 }, checkpoint: null, CancellationToken.None);
        }

        (await api.Client.PostAsync(new Uri($"/api/searches/{id}/cancel", UriKind.Relative), null)).EnsureSuccessStatusCode();
        Assert.True(await api.Queue.ConfirmCancelledAsync(lease, CancellationToken.None));
        // The two epochs the cancelled trial ran are all the epochs its search still plans.
        var epochs = (await api.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/searches/{id}")).GetProperty("epochs");
        Assert.Equal((2, 2), (epochs.GetProperty("done").GetInt32(), epochs.GetProperty("planned").GetInt32()));

        var run = await Shell.RunAsync(api.Client, "status", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"search {id} stopped (mnist, mlp) cancelled", run.Output, StringComparison.Ordinal);
        Assert.Contains("0/3 (0%) finished · 3 cancelled", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 running, 0 succeeded, 0 failed, 0 queued, 3 cancelled", run.Output, StringComparison.Ordinal);
        Assert.Contains("\n" + new string('×', 40), run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("█", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("epochs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_BeforeAnyTrialStarts_SaysNotStartedAndNoBestYet()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(3));

        var run = await Shell.RunAsync(api.Client, "status", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0/3 (0%) finished", run.Output, StringComparison.Ordinal);
        Assert.Contains("not started yet", run.Output, StringComparison.Ordinal);
        Assert.Contains("best  none yet", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWatch_OnRedirectedOutput_PrintsOnePlainLinePerRefreshUntilTheSearchCompletes()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(3));
        var output = new ObservedWriter();

        var watching = Shell.RunAsync(api.Client, interactive: false, output, "status", $"{id}", "--watch", "--interval", "0.05");
        await output.WaitForAsync(text => text.Contains("0/3 (0%) finished", StringComparison.Ordinal));
        await api.FinishNextAsync(0.90);
        await api.FinishNextAsync(0.95);
        await api.FinishNextAsync(0.93);
        var run = await watching.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.True(run.OutputLines.Count >= 2, run.Output);
        Assert.All(run.OutputLines, line => Assert.Matches($@"^\[\d\d:\d\d:\d\d\] search {id} (queued|running|completed): \d/3 ", line));
        Assert.Contains($"search {id} completed: 3/3 (100%) finished, 0 running, 3 succeeded, 0 failed, 0 queued, took ", run.OutputLines[^1], StringComparison.Ordinal);
        Assert.Contains("best test accuracy 0.9500", run.OutputLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWatch_OnATerminal_RedrawsInPlaceUntilTheSearchCompletes()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(2));
        var output = new ObservedWriter();

        var watching = Shell.RunAsync(api.Client, interactive: true, output, "status", $"{id}", "--watch", "--interval", "0.05");
        await output.WaitForAsync(text => text.Contains("0/2 (0%)", StringComparison.Ordinal));
        await api.FinishNextAsync(0.90);
        await api.FinishNextAsync(0.92);
        var run = await watching.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\u001b[", run.Output, StringComparison.Ordinal);
        Assert.Contains("2/2 (100%)", run.Output, StringComparison.Ordinal);
        Assert.Contains("0.9200", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWatch_OfACompletedSearch_PrintsOnceAndReturns()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(1));
        await api.FinishNextAsync(0.9);

        var run = await Shell.RunAsync(api.Client, "status", $"{id}", "--watch");

        Assert.Equal(0, run.ExitCode);
        var line = Assert.Single(run.OutputLines);
        Assert.Contains("completed: 1/1 (100%) finished", line, StringComparison.Ordinal);
    }
}
