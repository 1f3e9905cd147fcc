using System.CommandLine;
using GridSearch.Cli.Rendering;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch show TRIAL: one trial's config, epoch history and final metrics.</summary>
internal sealed class ShowCommand(CliContext context)
    : TrialCommand(context, "show", "A trial in full: every hyperparameter, the epoch history and the final metrics")
{
    protected override async Task<int> RunAsync(ParseResult parseResult, long trialId, CancellationToken cancellationToken)
    {
        var client = Context.Client(parseResult);
        var trial = await client.GetTrialAsync(trialId, cancellationToken);
        Context.Console.Write(TrialView.Of(trial, new Hyperparameters(await client.GetVocabularyAsync(cancellationToken))));
        return ExitCodes.Success;
    }
}
