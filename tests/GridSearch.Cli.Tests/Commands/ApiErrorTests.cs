using GridSearch.Cli.Tests.Support;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

/// <summary>What every command does when the API is not there or does not know the id.</summary>
public sealed class ApiErrorTests
{
    public static TheoryData<string[]> EveryCommand => new()
    {
        new[] { "status", "1" },
        new[] { "status", "1", "--watch" },
        new[] { "trials", "1" },
        new[] { "show", "1" },
        new[] { "leaderboard" },
        new[] { "leaderboard", "1" },
        new[] { "cancel", "1" },
        new[] { "evaluate", "1" },
        new[] { "export", "1", "--format", "csv" },
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task AnyCommand_WhenTheApiIsUnreachable_PrintsOneLineAndExits3(string[] args)
    {
        var run = await Shell.RunAsync(null, [.. args, "--api", "http://127.0.0.1:1"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            "error: cannot reach the GridSearch API at http://127.0.0.1:1 (connection refused); start it with make demo or set --api / GRIDSEARCH_API",
            Assert.Single(run.ErrorLines));
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Submit_WhenTheApiIsUnreachable_PrintsOneLineAndExits3()
    {
        using var file = Definitions.File(Definitions.DepthWidth);

        var run = await Shell.RunAsync(null, "submit", file.Path, "--api", "http://127.0.0.1:1/");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: cannot reach the GridSearch API at http://127.0.0.1:1 (connection refused)", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "search 4242 not found")]
    [InlineData("trials", "search 4242 not found")]
    [InlineData("cancel", "search 4242 not found")]
    [InlineData("leaderboard", "search 4242 not found")]
    [InlineData("export", "search 4242 not found")]
    [InlineData("show", "trial 4242 not found")]
    public async Task Command_ForAnIdTheApiDoesNotKnow_SaysNotFoundAndExits1(string command, string message)
    {
        await using var api = await ApiHost.StartAsync();
        string[] args = command == "export" ? [command, "4242", "--format", "csv"] : [command, "4242"];

        var run = await Shell.RunAsync(api.Client, args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"error: {message}"], run.ErrorLines);
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData("status", "abc")]
    [InlineData("status", "1", "--interval", "0")]
    [InlineData("trials", "1", "--top", "0")]
    [InlineData("export", "1", "--format", "xml")]
    [InlineData("leaderboard", "--metric", "speed")]
    [InlineData("status", "1", "--api", "not a url")]
    [InlineData("frobnicate")]
    public async Task BadCommandLine_IsAUsageErrorExit2WithAPointerToHelp(params string[] args)
    {
        var run = await Shell.RunAsync(null, args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("see: gridsearch", run.ErrorLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommandAndExits0()
    {
        var run = await Shell.RunAsync(null, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.All(["submit", "status", "trials", "show", "leaderboard", "cancel", "export", "--api"], c => Assert.Contains(c, run.Output, StringComparison.Ordinal));
    }
}
