using System.CommandLine;

namespace GridSearch.Cli.Commands;

/// <summary>A gridsearch subcommand: the subclass adds its arguments and options and runs in
/// <see cref="RunAsync"/> once they parsed, with the <see cref="Context"/> every command shares.</summary>
internal abstract class GridSearchCommand : Command
{
    protected GridSearchCommand(CliContext context, string name, string description)
        : base(name, description)
    {
        Context = context;
        SetAction(RunAsync);
    }

    protected CliContext Context { get; }

    /// <summary>Adds the command's arguments and options, in the order help lists them.</summary>
    protected void Add(params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: base.Add(argument); break;
                case Option option: base.Add(option); break;
                case Command command: base.Add(command); break;
                default: throw new ArgumentException($"{symbol.Name} is not an argument, an option or a command.", nameof(symbols));
            }
        }
    }

    /// <returns>The exit code, one of <see cref="ExitCodes"/>.</returns>
    protected abstract Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken);
}
