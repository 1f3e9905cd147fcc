using System.CommandLine;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch status ID: progress, time left and the best result so far.</summary>
internal sealed class StatusCommand : Command
{
    private readonly Argument<long> id = CommonOptions.SearchId();
    private readonly Option<bool> watch = CommonOptions.Watch();
    private readonly Option<double> interval = CommonOptions.Interval();
    private readonly CliContext context;

    public StatusCommand(CliContext context)
        : base("status", "A search's progress: trials finished, running and failed, elapsed and estimated time left, the best result so far")
    {
        this.context = context;
        Add(id);
        Add(watch);
        Add(interval);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var watcher = new SearchWatcher(context, context.Client(parseResult));
        var searchId = parseResult.GetValue(id);
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
