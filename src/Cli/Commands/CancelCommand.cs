using System.CommandLine;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch cancel ID: queued trials are cancelled now, running ones at their next epoch.</summary>
internal sealed class CancelCommand(CliContext context)
    : SearchCommand(context, "cancel", "Cancel a search: its queued trials now, its running ones at their next epoch")
{
    protected override async Task<int> RunAsync(ParseResult parseResult, long searchId, CancellationToken cancellationToken)
    {
        var search = await Context.Client(parseResult).CancelSearchAsync(searchId, cancellationToken);
        var counts = search.Counts;
        var stopping = counts.Running switch
        {
            0 => "",
            1 => ", 1 running stops at its next epoch",
            var running => $", {running} running stop at their next epoch",
        };
        Context.Console.MarkupLine(Markup.Escape(
            $"cancelled search {search.Id} ({search.Name}): {Formats.Plural(counts.Cancelled, "trial")} cancelled{stopping}; {counts.Succeeded} succeeded and {counts.Failed} failed before."));
        return ExitCodes.Success;
    }
}
