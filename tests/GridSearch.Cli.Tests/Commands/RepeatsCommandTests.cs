using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

/// <summary>A search with repeats in the console: the dry run's count and each row's repeat, and the trials' repeat column.</summary>
public sealed class RepeatsCommandTests
{
    private const string Repeated = """
        { "name": "repeated", "dataset": "mnist", "model": "mlp", "seed": 7, "repeats": 3,
          "grid": { "width": [64, 128] }, "fixed": { "depth": 1, "epochs": 1, "trainSize": 300 } }
        """;

    [Fact]
    public async Task Plan_WithRepeats_ShowsTheTrialCountAndEachRowsRepeat()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Repeated);

        var run = await Shell.RunAsync(api.Client, "plan", file.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("6 trials (2 configurations × 3 repeats, seed + 0 to 2): 0 answered by the result cache, 6 to train", run.Output, StringComparison.Ordinal);
        var header = run.OutputLines.First(l => l.Contains("parameters", StringComparison.Ordinal));
        Assert.Matches(@"#\s+width\s+repeat\s+parameters", header);
        var rows = run.OutputLines.Where(l => l.Contains("50,890", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count == 3, run.Output);
        Assert.Matches(@"^\s*1\s+64\s+0\s+50,890", rows[0]);
        Assert.Matches(@"^\s*3\s+64\s+2\s+50,890", rows[2]);
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Trials_OfARepeatedSearch_ShowEachTrialsRepeat()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Repeated);
        await Shell.RunAsync(api.Client, "submit", file.Path);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");

        var run = await Shell.RunAsync(api.Client, "trials", $"{id}");

        Assert.Equal(0, run.ExitCode);
        var header = run.OutputLines.First(l => l.Contains("status", StringComparison.Ordinal));
        Assert.Matches(@"#\s+trial\s+status\s+chosen by\s+width\s+repeat\s+test acc", header);
        var rows = run.OutputLines.Where(l => l.Contains("queued", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Matches(@"^0\s+\d+\s+queued\s+grid\s+64\s+0\s+-", rows[0]);
        Assert.Matches(@"^5\s+\d+\s+queued\s+grid\s+128\s+2\s+-", rows[5]);
    }
}
