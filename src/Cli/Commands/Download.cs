using System.CommandLine;
using System.Text;

namespace GridSearch.Cli.Commands;

/// <summary>
/// The one output rule of every command that downloads a file (export, model):
/// <list type="bullet">
/// <item>--format / -f picks one of the endpoint's formats (<see cref="DownloadFormats"/>), by default the one
/// the API answers with when none is named;</item>
/// <item>the download goes to standard output, or to the file -o / --output names;</item>
/// <item>a binary format (onnx) goes to standard output only when that is redirected (a pipe, a file): on a
/// terminal the command stops, before asking the API anything, with a usage error that asks for -o;</item>
/// <item>it is read in full before anything is written, so an API error leaves no half-written file.</item>
/// </list>
/// </summary>
internal sealed class Download
{
    private readonly DownloadFormats formats;

    public Download(DownloadFormats formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        this.formats = formats;
        Format = new Option<string>("--format", "-f")
        {
            Description = string.Join("; ", formats.All.Select(f => $"{f.Name}: {f.Description}")) + $" [default: {formats.Default.Name}]",
            HelpName = string.Join('|', formats.Names),
            DefaultValueFactory = _ => formats.Default.Name,
        };
        Format.AcceptOnlyFromAmong([.. formats.Names]);
        Output = new Option<FileInfo>("--output", "-o") { Description = "Write to this file [default: standard output]", HelpName = "file" };
    }

    public Option<string> Format { get; }

    public Option<FileInfo> Output { get; }

    /// <summary>The format asked for and the file to write (null: standard output). A binary format bound for
    /// a terminal is a usage error that suggests <paramref name="name"/> (e.g. trial-5) as the file.</summary>
    public DownloadTarget Target(ParseResult parseResult, CliContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        var format = formats.Find(parseResult.GetValue(Format)) ?? formats.Default;
        var file = parseResult.GetValue(Output);
        if (file is null && format.Binary && context.OutputIsTerminal)
        {
            var suggested = $"{name}.{format.Extension}";
            throw new UsageException($"{format.Name} is binary and standard output is a terminal: write it to a file with -o {suggested}, or redirect the output (> {suggested}).");
        }

        return new DownloadTarget(format, file);
    }

    /// <summary>Writes the downloaded bytes exactly as they came, to the target's file or to standard output.</summary>
    public static async Task WriteAsync(CliContext context, DownloadTarget target, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        if (target.File is { } file)
        {
            await OutputFile.WriteAsync(file, bytes, cancellationToken);
            return;
        }

        await WriteToStandardOutputAsync(context.Out, target.Format, bytes, cancellationToken);
    }

    /// <summary>The process's own standard output, and a writer over a stream (a redirected file), get the bytes
    /// themselves (a text writer would re-encode them); any other writer (a test's) gets text as the UTF-8 it is.</summary>
    private static async Task WriteToStandardOutputAsync(TextWriter writer, DownloadFormat format, byte[] bytes, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        if (ReferenceEquals(writer, Console.Out))
        {
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(bytes, cancellationToken);
            return;
        }

        if (writer is StreamWriter { BaseStream: { } stream })
        {
            await stream.WriteAsync(bytes, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            return;
        }

        if (format.Binary)
        {
            throw new InvalidOperationException($"{format.Name} is binary: this output takes text only.");
        }

        await writer.WriteAsync(Encoding.UTF8.GetString(bytes).AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }
}
