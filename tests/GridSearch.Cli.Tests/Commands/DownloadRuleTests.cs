using System.CommandLine;
using GridSearch.Cli.Tests.Support;

namespace GridSearch.Cli.Tests.Commands;

/// <summary>The output rule every command that writes a file follows (<see cref="Cli.Commands.Download"/>), checked over the
/// whole command tree, so a new command that writes a file cannot take another.</summary>
public sealed class DownloadRuleTests
{
    [Fact]
    public void EveryCommandWithAnOutputFile_WritesToStandardOutputByDefault_InAFormatWithADefault()
    {
        using var context = new CliContext(Shell.Console(new StringWriter(), interactive: false), new StringWriter(), TimeProvider.System, Cli.Commands.CommonOptions.Api(), http: null);

        var writers = CliApp.Root(context).Subcommands.Where(c => c.Options.Any(o => o.Name == "--output")).ToList();

        Assert.Equal(["export", "model"], writers.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(writers, command =>
        {
            var output = command.Options.Single(o => o.Name == "--output");
            Assert.False(output.Required, $"{command.Name} -o");
            Assert.Contains("-o", output.Aliases);
            var format = command.Options.Single(o => o.Name == "--format");
            Assert.False(format.Required, $"{command.Name} --format");
            Assert.True(format.HasDefaultValue, $"{command.Name} --format has no default");
        });
    }

    [Theory]
    [InlineData("export", "csv")]
    [InlineData("model", "onnx")]
    public void Format_WhenNotGiven_IsTheOneTheApiServesWithoutAFormat(string command, string expected)
    {
        using var context = new CliContext(Shell.Console(new StringWriter(), interactive: false), new StringWriter(), TimeProvider.System, Cli.Commands.CommonOptions.Api(), http: null);

        var parsed = CliApp.Root(context).Parse([command, "1"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(expected, parsed.GetValue<string>("--format"));
    }
}
