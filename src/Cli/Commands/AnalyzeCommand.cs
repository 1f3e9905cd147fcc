using System.CommandLine;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch analyze SEARCH: what each varying axis did, most important first, the Pareto front, and the
/// optimization history (the best so far as trials finished).</summary>
internal sealed class AnalyzeCommand : GridSearchCommand
{
    private readonly Argument<long> searchId = CommonOptions.SearchId();
    private readonly Option<string> metric = CommonOptions.Metric("Explain this metric");

    public AnalyzeCommand(CliContext context)
        : base(context, "analyze", "Each varying axis's effect and importance, and the trials worth their cost (Pareto front)")
    {
        Add(searchId, metric);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var id = parseResult.GetValue(searchId);
        var analysis = await Context.Client(parseResult).GetAnalysisAsync(id, parseResult.GetValue(metric), cancellationToken);
        if (analysis.Trials == 0)
        {
            Context.Console.MarkupLine(Markup.Escape($"no succeeded trials yet in search {id}: nothing to analyze."));
            return ExitCodes.Success;
        }

        Context.Console.Write(AnalysisView.Of(analysis));
        var history = await Context.Client(parseResult).GetHistoryAsync(id, parseResult.GetValue(metric), cancellationToken);
        Context.Console.Write(HistoryView.Of(history));
        return ExitCodes.Success;
    }
}
