using Spectre.Console;

namespace GridSearch.Cli.Tests.Support;

/// <summary>Runs gridsearch in process, the way a shell would, capturing what it prints.</summary>
internal static class Shell
{
    /// <summary>As with output redirected to a file or a CI log: no colours, no redraws.</summary>
    public static Task<CliRun> RunAsync(HttpClient? http, params string[] args) => RunAsync(http, interactive: false, new ObservedWriter(), args);

    /// <summary><paramref name="interactive"/>: as on a terminal (colours, redraws); else as redirected to a file or log.</summary>
    public static async Task<CliRun> RunAsync(HttpClient? http, bool interactive, ObservedWriter output, params string[] args)
    {
        using var errors = new ObservedWriter();
        var code = await CliApp.RunAsync(args, http, Console(output, interactive), errors);
        return new CliRun(code, output.ToString(), errors.ToString());
    }

    /// <summary>As with standard output redirected into <paramref name="output"/> (`gridsearch ... > file`): what it
    /// writes there arrives as bytes; the run's <see cref="CliRun.Output"/> is empty.</summary>
    public static async Task<CliRun> RunAsync(HttpClient? http, Stream output, params string[] args)
    {
        using var errors = new ObservedWriter();
        await using var writer = new StreamWriter(output, leaveOpen: true);
        var code = await CliApp.RunAsync(args, http, Console(writer, interactive: false), errors);
        return new CliRun(code, "", errors.ToString());
    }

    public static IAnsiConsole Console(TextWriter output, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = interactive ? new TerminalOutput(output) : new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        return console;
    }
}
