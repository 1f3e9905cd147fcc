using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class LeaderboardCommandTests
{
    private static List<string> Rows(CliRun run) =>
        run.OutputLines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+\s+\d+\s+\d+\s+0\.")).ToList();

    [Fact]
    public async Task Leaderboard_OfASearch_RanksItsSucceededTrialsBestFirstWithTheirHyperparameters()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(4));
        var a = await api.FinishNextAsync(0.95);
        var b = await api.FinishNextAsync(0.97);
        await api.FinishNextAsync(0.90);

        var run = await Shell.RunAsync(api.Client, "leaderboard", $"{id}", "--top", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"best of search {id} by testAccuracy", run.Output, StringComparison.Ordinal);
        var rows = Rows(run);
        Assert.Equal(2, rows.Count);
        Assert.Matches(@"rank\s+trial\s+search\s+test acc\s+test loss\s+val acc\s+val loss\s+width$", run.OutputLines.First(l => l.StartsWith("rank", StringComparison.Ordinal)));
        Assert.Matches($@"^1\s+{b.TrialId}\s+{id}\s+0\.9700\s+0\.1000\s+0\.9690\s+0\.1100\s+20$", rows[0]);
        Assert.Matches($@"^2\s+{a.TrialId}\s+{id}\s+0\.9500\s", rows[1]);
    }

    [Fact]
    public async Task Leaderboard_AcrossSearchesOfADatasetByTestLoss_ListsOnlyThatDatasetLowestLossFirst()
    {
        await using var api = await ApiHost.StartAsync();
        var mnist = await api.SubmitAsync(Definitions.Widths(2, "mnist"));
        await api.FinishNextAsync(0.95, loss: 0.30);
        await api.FinishNextAsync(0.90, loss: 0.10);
        await api.SubmitAsync(Definitions.Widths(1, "fashion-mnist"));
        await api.FinishNextAsync(0.99, loss: 0.01);

        var run = await Shell.RunAsync(api.Client, "leaderboard", "--dataset", "mnist", "--metric", "testLoss");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("best of all mnist searches by testLoss", run.Output, StringComparison.Ordinal);
        var rows = Rows(run);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Matches($@"^\d+\s+\d+\s+{mnist}\s", r));
        Assert.Contains("0.1000", rows[0], StringComparison.Ordinal);
        Assert.Matches(@"val loss\s+width$", run.OutputLines.First(l => l.StartsWith("rank", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Leaderboard_OfRepeatedConfigurations_ShowsMeanPlusMinusHalfWidthWithNAndMarksTies()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new { name = "repeated", dataset = "mnist", model = "mlp", repeats = 5, grid = new { width = new[] { 10, 20 } } });
        // Width 10: mean 0.98, half-width 2.776445 · 0.0070711/√5 = 0.0087799, so "98.00% ± 0.88 (n=5)"; width 20 the
        // same spread 1.5 points lower, told apart from it (Welch p ≈ 0.0100), so unmarked.
        await SearchRepeats.FinishAllAsync(api, new Dictionary<string, double[]>
        {
            ["""{"width": 10}"""] = [0.97, 0.98, 0.99, 0.98, 0.98],
            ["""{"width": 20}"""] = [0.955, 0.965, 0.975, 0.965, 0.965],
        });

        var run = await Shell.RunAsync(api.Client, "leaderboard", $"{id}", "--rank-by", "lower-bound");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"best of search {id} by testAccuracy's pessimistic 95% bound", run.Output, StringComparison.Ordinal);
        var rows = run.OutputLines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+\s+\d+\s+\d+\s+\d")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Matches(@"^1\s.*98\.00% ± 0\.88 \(n=5\)\s+97\.00–99\.00%\s+≈\s+0\.9900\s.*10$", rows[0]);
        Assert.Matches(@"^2\s.*96\.50% ± 0\.88 \(n=5\)\s+95\.50–97\.50%\s+0\.9750\s.*20$", rows[1]);
        Assert.Contains(run.OutputLines, l => l.StartsWith("≈ tied with the best: Welch's t-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leaderboard_WithNothingFinished_SaysSo()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(2));

        var run = await Shell.RunAsync(api.Client, "leaderboard", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"no succeeded trials yet in search {id}."], run.OutputLines);
    }

    [Fact]
    public async Task Leaderboard_WithASearchIdAndADataset_IsAUsageErrorExit2()
    {
        var run = await Shell.RunAsync(null, "leaderboard", "1", "--dataset", "mnist");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dataset applies to the leaderboard across searches", run.Errors, StringComparison.Ordinal);
    }
}
