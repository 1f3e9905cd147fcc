using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class TrialsCommandTests
{
    [Fact]
    public async Task Trials_ListsEveryTrialWithTheHyperparametersThatVaryAndTheResults()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);
        await Shell.RunAsync(api.Client, "submit", file.Path);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");
        await api.FinishNextAsync(0.9312);

        var run = await Shell.RunAsync(api.Client, "trials", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"search {id} depth-width: 4 trials of 4", run.Output, StringComparison.Ordinal);
        var header = run.OutputLines.First(l => l.Contains("status", StringComparison.Ordinal));
        Assert.Matches(@"#\s+trial\s+status\s+chosen by\s+depth\s+width\s+test acc\s+test loss\s+val acc\s+val loss\s+best epoch\s+stop\s+tries\s+time", header);
        // depth 1|2 × width 64|128 in grid order: the depth varies slowest.
        var rows = run.OutputLines.Where(l => l.Contains("queued", StringComparison.Ordinal) || l.Contains("succeeded", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Matches(@"^0\s+\d+\s+succeeded\s+grid\s+1\s+64\s+0\.9312\s+0\.1000\s+0\.9302\s+0\.1100\s+1\s+completed\s+1\s", rows[0]);
        Assert.Matches(@"^1\s+\d+\s+queued\s+grid\s+1\s+128\s+-", rows[1]);
        Assert.Matches(@"^2\s+\d+\s+queued\s+grid\s+2\s+64\s+-", rows[2]);
        Assert.Matches(@"^3\s+\d+\s+queued\s+grid\s+2\s+128\s+-", rows[3]);
    }

    [Fact]
    public async Task Trials_FilteredByStatusSortedAndTopN_ShowsOnlyThoseRowsInThatOrder()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(5));
        await api.FinishNextAsync(0.90);
        await api.FinishNextAsync(0.97);
        await api.FinishNextAsync(0.93);

        var run = await Shell.RunAsync(api.Client, "trials", $"{id}", "--status", "succeeded", "--sort", "-testAccuracy", "--top", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"search {id} mnist-widths: 2 succeeded trials of 5", run.Output, StringComparison.Ordinal);
        var rows = run.OutputLines.Where(l => l.Contains("succeeded", StringComparison.Ordinal) && !l.Contains("trials of", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("0.9700", rows[0], StringComparison.Ordinal);
        Assert.Contains("0.9300", rows[1], StringComparison.Ordinal);
        Assert.DoesNotContain("queued", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trials_OfASearchThatVariesNothing_ShowTheValuesThatDescribeTheModel()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new { dataset = "mnist", model = "cnn", grid = new { filters = new[] { 16 } } });

        var run = await Shell.RunAsync(api.Client, "trials", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"status\s+chosen by\s+activations\s+convLayers\s+filters\s+kernelSize\s+denseUnits\s+test acc", run.OutputLines.First(l => l.Contains("status", StringComparison.Ordinal)));
        Assert.Matches(@"^0\s+\d+\s+queued\s+grid\s+relu-relu-relu\s+2\s+16\s+3\s+128\s+-", run.OutputLines.First(l => l.Contains("queued", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Trials_WithAnUnknownSortField_PrintsTheApiFieldErrorAndExits1()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(2));

        var run = await Shell.RunAsync(api.Client, "trials", $"{id}", "--sort", "colour");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("sort: must be one of ordinal, testAccuracy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trials_WithAStatusThatDoesNotExist_IsAUsageErrorExit2()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(2));

        var run = await Shell.RunAsync(api.Client, "trials", $"{id}", "--status", "done");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'done'", run.Errors, StringComparison.Ordinal);
        Assert.Equal("see: gridsearch trials --help", run.ErrorLines[^1]);
    }
}
