using System.CommandLine;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch cancel ID: queued trials are cancelled now, running ones at their next epoch.</summary>
internal sealed class CancelCommand : Command
{
    private readonly Argument<long> id = CommonOptions.SearchId();
    private readonly CliContext context;

    public CancelCommand(CliContext context)
        : base("cancel", "Cancel a search: its queued trials now, its running ones at their next epoch")
    {
        this.context = context;
        Add(id);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var search = await context.Client(parseResult).CancelSearchAsync(parseResult.GetValue(id), cancellationToken);
        var counts = search.Counts;
        var stopping = counts.Running > 0 ? $", {counts.Running} running stop at their next epoch" : "";
        context.Console.MarkupLine(Markup.Escape(
            $"cancelled search {search.Id} ({search.Name}): {counts.Cancelled} trials cancelled{stopping}; {counts.Succeeded} succeeded and {counts.Failed} failed before."));
        return ExitCodes.Success;
    }
}
