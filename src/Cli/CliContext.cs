using System.CommandLine;
using GridSearch.Cli.Api;
using GridSearch.Cli.Commands;
using Spectre.Console;

namespace GridSearch.Cli;

/// <summary>What every command shares: where output goes, the clock, and the API client for --api.</summary>
internal sealed class CliContext(IAnsiConsole console, TextWriter errors, TimeProvider time, Option<string> api, HttpClient? http) : IDisposable
{
    private HttpClient? owned;
    private GridSearchClient? client;

    public IAnsiConsole Console { get; } = console;
    /// <summary>Plain output (CSV, JSON, log lines) goes straight to the writer: the console would wrap it.</summary>
    public TextWriter Out => Console.Profile.Out.Writer;
    public TextWriter Errors { get; } = errors;
    public TimeProvider Time { get; } = time;
    public Option<string> Api { get; } = api;

    /// <summary>Whether standard output is a terminal, not a pipe or a file: binary downloads never go there.</summary>
    public bool OutputIsTerminal => Console.Profile.Out.IsTerminal;

    /// <summary>Redraw in place only on a terminal that can; logs and pipes get one line per update.</summary>
    public bool IsInteractive => Console.Profile.Capabilities is { Interactive: true, Ansi: true };

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The client over the given HttpClient (tests), else over one for --api / GRIDSEARCH_API.</summary>
    public GridSearchClient Client(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (client is not null)
        {
            return client;
        }

        if (http is null)
        {
            if (!ApiAddress.TryResolve(parseResult.GetValue(Api), Environment.GetEnvironmentVariable(ApiAddress.EnvironmentVariable), out var address, out var error))
            {
                throw new UsageException(error);
            }

            owned = GridSearchClient.CreateHttpClient(address);
        }

        var apiKey = parseResult.GetValue<string>(ApiKeyOption.Name) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable(ApiKeyOption.EnvironmentVariable);
        return client = new GridSearchClient(http ?? owned!, string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim());
    }

    public void Dispose() => owned?.Dispose();
}
