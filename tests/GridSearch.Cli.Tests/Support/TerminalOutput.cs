using System.Text;
using Spectre.Console;

namespace GridSearch.Cli.Tests.Support;

/// <summary>Output that says it is a terminal, as the process's own standard output does when nothing redirects it.</summary>
internal sealed class TerminalOutput(TextWriter writer) : IAnsiConsoleOutput
{
    public TextWriter Writer { get; } = writer;

    public bool IsTerminal => true;

    public int Width => 240;

    public int Height => 50;

    public void SetEncoding(Encoding encoding)
    {
    }
}
