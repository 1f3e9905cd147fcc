using System.CommandLine;
using GridSearch.Cli.Rendering;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch evaluate SEARCH [--top N] [--folds K]: k-fold cross-validation of the search's best
/// configurations, queued as trials; prints what it queued and the evaluations as they stand.</summary>
internal sealed class EvaluateCommand : SearchCommand
{
    private readonly Option<int?> top = CommonOptions.Top("How many of the best configurations [default: 3]");
    private readonly Option<int?> folds = new("--folds", "-k") { Description = "Folds per configuration [default: 5]", HelpName = "k" };

    public EvaluateCommand(CliContext context)
        : base(context, "evaluate", "Cross-validate the search's best configurations: one queued trial per fold of each")
    {
        Add(top, folds);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, long searchId, CancellationToken cancellationToken)
    {
        var client = Context.Client(parseResult);
        var evaluated = await client.EvaluateAsync(searchId, new EvaluateRequest(parseResult.GetValue(top), parseResult.GetValue(folds)), cancellationToken);
        var hyperparameters = new Hyperparameters(await client.GetVocabularyAsync(cancellationToken));
        var queued = evaluated.Queued == 0 ? "queued nothing new (every fold was queued before)" : $"queued {Formats.Plural(evaluated.Queued, "fold trial")}";
        Context.Console.MarkupLine(Markup.Escape($"search {searchId}: {queued}; {Formats.Plural(evaluated.Evaluations.Count, "configuration")} evaluated:"));
        var table = TableRows.NewTable().AddRightAlignedColumns(["trial", .. CrossValidation.Headers, "test acc"]).AddLeftAlignedColumns(["grid point"]);
        foreach (var evaluation in evaluated.Evaluations)
        {
            table.AddTextRow([
                Formats.Integer(evaluation.SourceTrialId),
                .. CrossValidation.Cells(evaluation.CvAccuracy, evaluation.CvStandardDeviation, evaluation.FoldsDone, evaluation.Folds),
                Formats.Metric(evaluation.TestAccuracy),
                hyperparameters.Describe(hyperparameters.For(evaluation.GridPoint), evaluation.GridPoint, default),
            ]);
        }

        Context.Console.Write(table);
        return ExitCodes.Success;
    }
}
