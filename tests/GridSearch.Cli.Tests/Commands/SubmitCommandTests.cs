using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class SubmitCommandTests
{
    [Fact]
    public async Task Submit_ValidDefinition_PrintsTheIdAndTrialCountAndCreatesTheSearch()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);

        var run = await Shell.RunAsync(api.Client, "submit", file.Path);

        Assert.Equal(0, run.ExitCode);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");
        Assert.Contains($"submitted search {id} (depth-width): 4 trials queued", run.Output, StringComparison.Ordinal);
        Assert.Contains($"gridsearch status {id} --watch", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(4, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'queued'"));
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task Submit_InvalidDefinition_PrintsEveryFieldErrorAndExits1()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File("""{ "dataset": "svhn", "model": "transformer", "fixed": { "epochs": 0 } }""");

        var run = await Shell.RunAsync(api.Client, "submit", file.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: The search definition has errors. (400)", run.ErrorLines[0]);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("dataset: ", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("model: ", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith("fixed.epochs: ", StringComparison.Ordinal));
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM trials"));
    }

    [Fact]
    public async Task Submit_FileThatDoesNotExist_SaysSoAndExits2WithNothingCreated()
    {
        await using var api = await ApiHost.StartAsync();
        var missing = Path.Combine(Path.GetTempPath(), "no-such-definition-" + Guid.NewGuid().ToString("N") + ".json");

        var run = await Shell.RunAsync(api.Client, "submit", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"error: cannot read {missing}: no such file"], run.ErrorLines);
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Submit_FileThatIsNotJson_SaysWhereAndExits2WithNothingCreated()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File("{ \"dataset\": \"mnist\",\n  \"model\": mlp }");

        var run = await Shell.RunAsync(api.Client, "submit", file.Path);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {file.Path} is not valid JSON (line 2, position ", line, StringComparison.Ordinal);
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Submit_TwiceWithTheSameIdempotencyKey_CreatesOneSearchAndPrintsItsIdBothTimes()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);

        var first = await Shell.RunAsync(api.Client, "submit", file.Path, "--idempotency-key", "nightly-1");
        var second = await Shell.RunAsync(api.Client, "submit", file.Path, "--idempotency-key", "nightly-1");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");
        Assert.Contains($"submitted search {id} ", first.Output, StringComparison.Ordinal);
        Assert.Contains($"submitted search {id} ", second.Output, StringComparison.Ordinal);
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Submit_SameFileTwice_SaysWhichSearchHasItAlready_AndQueuesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);
        await Shell.RunAsync(api.Client, "submit", file.Path);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");

        var again = await Shell.RunAsync(api.Client, "submit", file.Path);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(
            $"search {id} (depth-width) has this definition already: 4 trials, queued; nothing new was queued (--new makes another search)",
            again.OutputLines[0]);
        Assert.Contains($"gridsearch status {id} --watch", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Submit_SameFileWithNew_MakesAnotherSearch()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);
        await Shell.RunAsync(api.Client, "submit", file.Path);

        var forced = await Shell.RunAsync(api.Client, "submit", file.Path, "--new");

        Assert.Equal(0, forced.ExitCode);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");
        Assert.StartsWith($"submitted search {id} (depth-width): 4 trials", forced.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal(2, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Submit_Quiet_PrintsOnlyTheId_AndADuplicatesNoteGoesToStderr()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);

        var first = await Shell.RunAsync(api.Client, "submit", file.Path, "--quiet");
        var again = await Shell.RunAsync(api.Client, "submit", file.Path, "-q");

        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal($"{id}\n", first.Output);
        Assert.Empty(first.Errors);
        Assert.Equal($"{id}\n", again.Output);
        Assert.StartsWith($"search {id} (depth-width) has this definition already", Assert.Single(again.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_QuietWithWatch_IsAUsageError_AndSubmitsNothing()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);

        var run = await Shell.RunAsync(api.Client, "submit", file.Path, "--quiet", "--watch");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--quiet prints only the id", run.Errors, StringComparison.Ordinal);
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Submit_WithWatch_FollowsTheSearchUntilItIsCancelled()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);
        var output = new ObservedWriter();

        var watching = Shell.RunAsync(api.Client, interactive: false, output, "submit", file.Path, "--watch", "--interval", "0.05");
        await output.WaitForAsync(text => text.Contains("0/4 (0%) finished", StringComparison.Ordinal));
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");
        await api.FinishNextAsync(0.91);
        (await api.Client.PostAsync($"/api/searches/{id}/cancel", null)).EnsureSuccessStatusCode();
        var run = await watching.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"submitted search {id} ", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Contains($"search {id} cancelled: 1/4 (25%) finished", run.OutputLines[^1], StringComparison.Ordinal);
        Assert.Contains("3 cancelled", run.OutputLines[^1], StringComparison.Ordinal);
    }
}
