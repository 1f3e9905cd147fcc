using GridSearch.Cli.Tests.Support;
using GridSearch.Testing;
using GridSearch.Testing.Api;

namespace GridSearch.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Export_ToAFile_IsByteForByteWhatTheApiServes(string format)
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);
        await Shell.RunAsync(api.Client, "submit", file.Path);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");
        await api.FinishNextAsync(0.9312, loss: 0.2);
        using var target = new TempFile(extension: "." + format);

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", format, "--output", target.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Errors);
        var served = await api.Client.GetByteArrayAsync($"/api/searches/{id}/export?format={format}");
        Assert.Equal(served, await File.ReadAllBytesAsync(target.Path));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Export_ToStandardOutput_IsWhatTheApiServes(string format)
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(3));
        await api.FinishNextAsync(0.95);

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", format);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await api.Client.GetStringAsync($"/api/searches/{id}/export?format={format}"), run.Output);
    }

    [Fact]
    public async Task ExportCsv_StartsWithTheGridPointAndHasOneRowPerTrial()
    {
        await using var api = await ApiHost.StartAsync();
        using var file = Definitions.File(Definitions.DepthWidth);
        await Shell.RunAsync(api.Client, "submit", file.Path);
        var id = await api.Database.ScalarAsync("SELECT max(id) FROM searches");

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "csv");

        var rows = CsvReader.Parse(run.Output);
        Assert.Equal(["depth", "width", "trialId", "ordinal", "repeat", "status"], rows[0][..6]);
        Assert.Equal(5, rows.Count);
        Assert.Equal(["2", "128"], rows[4][..2]);
    }

    [Fact]
    public async Task Export_OfMoreTrialsThanOnePage_HasEveryTrial()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(620));

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        var rows = CsvReader.Parse(run.Output);
        var ordinal = rows[0].IndexOf("ordinal");
        Assert.Equal(621, rows.Count);
        Assert.Equal(Enumerable.Range(0, 620).Select(i => $"{i}"), rows.Skip(1).Select(r => r[ordinal]));
    }

    [Fact]
    public async Task Export_WithOutput_WritesTheFileAndSaysHowManyTrials()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(2));
        using var target = new TempFile(extension: ".csv");

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "csv", "--output", target.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"wrote 2 trials to {target.Path}"], run.OutputLines);
        Assert.Equal(3, CsvReader.Parse(await File.ReadAllTextAsync(target.Path)).Count);
    }

    [Fact]
    public async Task Export_ToAFolderThatDoesNotExist_SaysSoAndExits2()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(1));
        var target = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "out.csv");

        var run = await Shell.RunAsync(api.Client, "export", $"{id}", "--format", "csv", "--output", target);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: cannot write {target}: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Export_WithoutFormatOrOutput_PrintsWhatTheApiServesWithoutAFormat_OnATerminalToo(bool terminal)
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definitions.Widths(2));

        var run = await Shell.RunAsync(api.Client, terminal, new ObservedWriter(), "export", $"{id}");

        Assert.Equal(0, run.ExitCode);
        var served = await api.Client.GetStringAsync($"/api/searches/{id}/export");
        Assert.Equal(served, run.Output);
        Assert.Equal("width", CsvReader.Parse(run.Output)[0][0]);
    }

    [Fact]
    public async Task Export_WithAFormatTheApiDoesNotServe_IsAUsageErrorExit2NamingTheChoices()
    {
        var run = await Shell.RunAsync(null, "export", "1", "--format", "xlsx");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("xlsx", run.Errors, StringComparison.Ordinal);
        Assert.Contains("csv", run.Errors, StringComparison.Ordinal);
    }
}
