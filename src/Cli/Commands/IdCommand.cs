using System.CommandLine;

namespace GridSearch.Cli.Commands;

/// <summary>A command about one thing named by its id: gridsearch NAME ID [options], run with the id given.</summary>
internal abstract class IdCommand : GridSearchCommand
{
    private readonly Argument<long> id;

    protected IdCommand(CliContext context, string name, string description, Argument<long> id)
        : base(context, name, description)
    {
        this.id = id;
        Add(id);
    }

    protected sealed override Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        RunAsync(parseResult, parseResult.GetValue(id), cancellationToken);

    protected abstract Task<int> RunAsync(ParseResult parseResult, long id, CancellationToken cancellationToken);
}
