using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using GridSearch.Cli.Api;
using GridSearch.Cli.Commands;
using Spectre.Console;

namespace GridSearch.Cli;

/// <summary>
/// The gridsearch command line. Output goes to <paramref name="console"/>, errors to the error writer,
/// and requests to the given HttpClient when there is one (tests point it at an in-process API),
/// else to --api / GRIDSEARCH_API. Exit codes: see <see cref="ExitCodes"/>.
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(
        string[] args, HttpClient? http, IAnsiConsole console, TextWriter? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        errors ??= console.Profile.Out.Writer;
        using var context = new CliContext(console, errors, TimeProvider.System, CommonOptions.Api(), http);
        var parseResult = Root(context).Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = console.Profile.Out.Writer,
            Error = errors,
            EnableDefaultExceptionHandler = false,
        };

        if (parseResult.Action is ParseErrorAction parseError)
        {
            // System.CommandLine prints the errors; its exit code for them is 1, ours is 2. A pointer to
            // the help reads better under the error than the whole help page.
            parseError.ShowHelp = false;
            await parseResult.InvokeAsync(invocation, cancellationToken);
            await errors.WriteLineAsync("see: " + string.Join(' ', ["gridsearch", .. CommandPath(parseResult), "--help"]));
            await errors.FlushAsync(CancellationToken.None);
            return ExitCodes.UsageError;
        }

        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (ApiUnreachableException e)
        {
            ErrorReport.Write(errors, $"{e.Message}; start it with make demo or set --api / {ApiAddress.EnvironmentVariable}");
            return ExitCodes.Unreachable;
        }
        catch (ApiException e)
        {
            ErrorReport.Write(errors, e);
            return ExitCodes.ApiError;
        }
        catch (UsageException e)
        {
            ErrorReport.Write(errors, e.Message);
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
        finally
        {
            await errors.FlushAsync(CancellationToken.None);
        }
    }

    /// <summary>The subcommand names the user typed, e.g. ["trials"], for the help pointer.</summary>
    private static IEnumerable<string> CommandPath(ParseResult parseResult)
    {
        var names = new Stack<string>();
        for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }

    /// <summary>Every command, each over <paramref name="context"/>.</summary>
    internal static RootCommand Root(CliContext context) =>
        new("gridsearch: submit hyperparameter grid searches to the GridSearch API, follow them and read their results")
        {
            context.Api,
            ApiKeyOption.Create(),
            new SubmitCommand(context),
            new PlanCommand(context),
            new StatusCommand(context),
            new TrialsCommand(context),
            new ShowCommand(context),
            new LeaderboardCommand(context),
            new AnalyzeCommand(context),
            new EvaluateCommand(context),
            new CancelCommand(context),
            new ExportCommand(context),
            new ModelCommand(context),
            new PredictCommand(context),
            new PinCommand(context),
            new KeysCommand(context),
        };
}
