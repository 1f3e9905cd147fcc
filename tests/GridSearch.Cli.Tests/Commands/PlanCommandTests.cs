using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class PlanCommandTests
{
    [Fact]
    public async Task Plan_PrintsEveryTrialWithItsParametersAndTheCacheAndTotals_AndSubmitsNothing()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);
        var submit = await Shell.RunAsync(api.Client, "submit", file.Path);
        var source = await api.FinishNextAsync(0.93);

        var run = await Shell.RunAsync(api.Client, "plan", file.Path);

        Assert.Equal(0, submit.ExitCode);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Errors);
        Assert.Contains("dry run of depth-width (mnist mlp): nothing was submitted", run.Output, StringComparison.Ordinal);
        // depth 1 × width 64: 784·64 + 64 + 64·10 + 10 parameters; it is the trial just finished.
        Assert.Contains("50,890", run.Output, StringComparison.Ordinal);
        Assert.Contains($"trial {source.TrialId}", run.Output, StringComparison.Ordinal);
        Assert.Contains("4 trials: 1 answered by the result cache, 3 to train", run.Output, StringComparison.Ordinal);
        // Its three other trials are still queued: the plan waits behind them.
        Assert.Contains("on 1 worker slot (1 free now, behind 3 trials of other searches)", run.Output, StringComparison.Ordinal);
        Assert.Contains("estimate measured:", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(4, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Plan_GridPointsThatMakeTheSameNetwork_SaysHowManyAreTrainedOnce()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File("""
            { "dataset": "mnist", "model": "mlp",
              "grid": { "batchNorm": [false, true], "batchNormPosition": ["before_activation", "after_activation"] } }
            """);

        var run = await Shell.RunAsync(api.Client, "plan", file.Path);

        Assert.Equal(0, run.ExitCode);
        // Batch norm off: its position does not apply, so two of the four points are one network.
        Assert.Contains("3 trials: 0 answered by the result cache, 3 to train (1 more grid point makes the same network as another, trained once)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_InvalidDefinition_PrintsTheFieldErrorsAndExits1()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File("""{ "dataset": "svhn", "model": "mlp" }""");

        var run = await Shell.RunAsync(api.Client, "plan", file.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("dataset: ", StringComparison.Ordinal));
    }
}
