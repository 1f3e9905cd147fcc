using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class CancelCommandTests
{
    [Fact]
    public async Task Cancel_CancelsTheQueuedTrialsAndSaysHowManyAndWhatIsStillRunning()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(5));
        await api.FinishNextAsync(0.9);
        await api.Queue.ClaimAsync("busy-worker", CancellationToken.None);

        var run = await Shell.RunAsync(api.Client, "cancel", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [$"cancelled search {id} (mnist-widths): 3 trials cancelled, 1 running stops at its next epoch; 1 succeeded and 0 failed before."],
            run.OutputLines);
        Assert.Equal(3, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'cancelled'"));
        var status = await Shell.RunAsync(api.Client, "status", $"{id}");
        Assert.Contains($"search {id} mnist-widths (mnist, mlp) cancelled", status.Output, StringComparison.Ordinal);
    }
}
