using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public async Task Analyze_OfAFinishedGrid_ShowsImportanceBarsEachValueAndTheFront()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(3));
        var trials = new[] { await api.FinishNextAsync(0.90), await api.FinishNextAsync(0.92), await api.FinishNextAsync(0.94) };

        var run = await Shell.RunAsync(api.Client, "analyze", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"search {id} by testAccuracy: 3 of 3 trials; importance exact", run.Output, StringComparison.Ordinal);
        // One axis explains all of the variance; accuracy rises with width.
        Assert.Matches(@"^width\s+█{30}\s+100\.0%\s+1\.00$", run.OutputLines.First(l => l.StartsWith("width ", StringComparison.Ordinal)));
        Assert.Matches(@"^30\s+1\s+0\.9400\s+0\.0000\s+0\.9400$", run.OutputLines.First(l => l.StartsWith("30 ", StringComparison.Ordinal)));
        // The same parameters and seconds for all three: only the most accurate is on the front.
        Assert.Contains(run.OutputLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^{trials[2].TrialId}\s+0\.9400\s+1,234\s+1\.5$"));
        Assert.DoesNotContain(run.OutputLines, l => l.StartsWith($"{trials[0].TrialId} ", StringComparison.Ordinal));
        // Then the history: the trials as they finished, each better than the last, so the best climbs to a full bar.
        Assert.Contains("optimization history by testAccuracy (3 finished trials", run.Output, StringComparison.Ordinal);
        Assert.Matches($@"^#1\s+{trials[0].TrialId}\s+grid\s+0\.9000\s+0\.9000\s+·{{20}}$", run.OutputLines.First(l => l.StartsWith("#1 ", StringComparison.Ordinal)));
        Assert.Matches($@"^#3\s+{trials[2].TrialId}\s+grid\s+0\.9400\s+0\.9400\s+█{{20}}$", run.OutputLines.First(l => l.StartsWith("#3 ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Analyze_WithNothingFinished_SaysSo()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(2));

        var run = await Shell.RunAsync(api.Client, "analyze", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no succeeded trials yet", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_OfAnUnknownSearch_FailsNamingIt()
    {
        await using var api = await ApiHost.StartAsync();

        var run = await Shell.RunAsync(api.Client, "analyze", "424242");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("search 424242 not found", run.Errors, StringComparison.Ordinal);
    }
}
