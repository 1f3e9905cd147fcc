using System.CommandLine;
using GridSearch.Cli.Rendering;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch plan FILE: a dry run of a definition (its trials, parameter counts, what the result
/// cache answers, estimated times); nothing is submitted.</summary>
internal sealed class PlanCommand : GridSearchCommand
{
    private readonly Argument<FileInfo> file = DefinitionFile.Argument();

    public PlanCommand(CliContext context)
        : base(context, "plan", "A dry run: the trials a definition makes, their parameter counts and estimated times; nothing is submitted") => Add(file);

    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var definition = await DefinitionFile.ReadAsync(parseResult.GetRequiredValue(file), cancellationToken);
        var client = Context.Client(parseResult);
        var plan = await client.PlanAsync(definition, cancellationToken);
        Context.Console.Write(PlanView.Of(plan, new Hyperparameters(await client.GetVocabularyAsync(cancellationToken))));
        return ExitCodes.Success;
    }
}
