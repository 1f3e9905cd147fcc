using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class EvaluateCommandTests
{
    [Fact]
    public async Task Evaluate_QueuesTheFoldsOfTheTopConfigurations_AndTheLeaderboardRanksThemByCvAccuracy()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(3));
        var worst = await api.FinishNextAsync(0.90);
        var best = await api.FinishNextAsync(0.97);
        var second = await api.FinishNextAsync(0.95);

        var run = await Shell.RunAsync(api.Client, "evaluate", $"{id}", "--top", "2", "--folds", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"search {id}: queued 4 fold trials; 2 configurations evaluated:", run.OutputLines[0]);
        Assert.Matches(@"trial\s+cv acc\s+± std\s+folds\s+test acc\s+grid point", run.Output);
        Assert.Matches($@"{best.TrialId}\s+-\s+-\s+0/2\s+0\.9700\s+width=20\s", run.Output);
        Assert.DoesNotContain($" {worst.TrialId} ", run.Output, StringComparison.Ordinal);

        // The folds of the best configuration come first (queued in leaderboard order): they do worse.
        foreach (var accuracy in new[] { 0.80, 0.82, 0.90, 0.92 })
        {
            await api.FinishNextAsync(accuracy);
        }

        var board = await Shell.RunAsync(api.Client, "leaderboard", $"{id}", "--metric", "cvAccuracy");

        Assert.Equal(0, board.ExitCode);
        Assert.Matches(@"rank\s+trial\s+search\s+cv acc\s+± std\s+folds\s+test acc", board.Output);
        var rows = board.OutputLines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+\s+\d+\s+\d+\s+0\.")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Matches($@"^1\s+{second.TrialId}\s+{id}\s+0\.9090\s+0\.0100\s+2/2\s+0\.9500", rows[0]);
        Assert.Matches($@"^2\s+{best.TrialId}\s+{id}\s+0\.8090\s+0\.0100\s+2/2\s+0\.9700", rows[1]);
    }

    [Fact]
    public async Task Evaluate_WithOneFold_PrintsTheApisReasonAndExitsNonZero()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(1));
        await api.FinishNextAsync(0.9);

        var run = await Shell.RunAsync(api.Client, "evaluate", $"{id}", "--folds", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("folds", run.Errors, StringComparison.Ordinal);
        Assert.Equal(0L, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'queued'"));
    }
}
