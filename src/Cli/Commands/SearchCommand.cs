using System.CommandLine;

namespace GridSearch.Cli.Commands;

/// <summary>A command about one search: gridsearch NAME ID [options], run with the id given.</summary>
internal abstract class SearchCommand : GridSearchCommand
{
    private readonly Argument<long> id = CommonOptions.SearchId();

    protected SearchCommand(CliContext context, string name, string description)
        : base(context, name, description) => Add(id);

    protected sealed override Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        RunAsync(parseResult, parseResult.GetValue(id), cancellationToken);

    protected abstract Task<int> RunAsync(ParseResult parseResult, long searchId, CancellationToken cancellationToken);
}
