using System.CommandLine;

namespace GridSearch.Cli.Commands;

/// <summary>A command about one trial: gridsearch NAME TRIAL [options], run with the trial's id given.</summary>
internal abstract class TrialCommand : GridSearchCommand
{
    private readonly Argument<long> id = CommonOptions.TrialId();

    protected TrialCommand(CliContext context, string name, string description)
        : base(context, name, description) => Add(id);

    protected sealed override Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        RunAsync(parseResult, parseResult.GetValue(id), cancellationToken);

    protected abstract Task<int> RunAsync(ParseResult parseResult, long trialId, CancellationToken cancellationToken);
}
