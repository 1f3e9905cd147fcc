using System.CommandLine;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch status ID: progress, time left and the best result so far.</summary>
internal sealed class StatusCommand : SearchCommand
{
    private readonly Option<bool> watch = CommonOptions.Watch();
    private readonly Option<double> interval = CommonOptions.Interval();

    public StatusCommand(CliContext context)
        : base(context, "status", "A search's progress: trials finished, running and failed, elapsed and estimated time left, the best result so far")
    {
        Add(watch, interval);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, long searchId, CancellationToken cancellationToken)
    {
        var watcher = new SearchWatcher(Context, Context.Client(parseResult));
        if (parseResult.GetValue(watch))
        {
            await watcher.WatchAsync(searchId, TimeSpan.FromSeconds(parseResult.GetValue(interval)), cancellationToken);
        }
        else
        {
            await watcher.ShowAsync(searchId, cancellationToken);
        }

        return ExitCodes.Success;
    }
}
