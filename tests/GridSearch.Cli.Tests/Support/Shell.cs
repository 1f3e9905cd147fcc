using Spectre.Console;

namespace GridSearch.Cli.Tests.Support;

/// <summary>Runs gridsearch in process, the way a shell would, capturing what it prints.</summary>
internal static class Shell
{
    /// <summary>As with output redirected to a file or a CI log: no colours, no redraws.</summary>
    public static Task<CliRun> RunAsync(HttpClient? http, params string[] args) => RunAsync(http, interactive: false, new ObservedWriter(), args);

    public static async Task<CliRun> RunAsync(HttpClient? http, bool interactive, ObservedWriter output, params string[] args)
    {
        using var errors = new ObservedWriter();
        var code = await CliApp.RunAsync(args, http, Console(output, interactive), errors);
        return new CliRun(code, output.ToString(), errors.ToString());
    }

    public static IAnsiConsole Console(TextWriter output, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        return console;
    }
}
