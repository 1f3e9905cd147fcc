using Spectre.Console;

namespace GridSearch.Cli;

/// <summary>The console for the real terminal: plain, wide and non-interactive when output is
/// redirected or running under CI, so logs get lines instead of ANSI redraws.</summary>
internal static class TerminalConsole
{
    /// <summary>Wide enough that tables in a log or file are not wrapped at the default 80 columns.</summary>
    private const int RedirectedWidth = 240;

    public static IAnsiConsole Create()
    {
        var redirected = System.Console.IsOutputRedirected;
        var ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected || ci ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
