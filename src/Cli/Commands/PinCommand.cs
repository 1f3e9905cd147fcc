using System.CommandLine;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch pin TRIAL [--unpin]: keeps (or stops keeping) the trial's model whatever its rank.</summary>
internal sealed class PinCommand : TrialCommand
{
    private readonly Option<bool> unpin = new("--unpin") { Description = "Unpin instead: outside its ended search's best, the model is dropped at once" };

    public PinCommand(CliContext context)
        : base(context, "pin", "Keep a trial's model when its search ends, whatever its rank") => Add(unpin);

    protected override async Task<int> RunAsync(ParseResult parseResult, long trialId, CancellationToken cancellationToken)
    {
        var pinned = !parseResult.GetValue(unpin);
        await Context.Client(parseResult).PinAsync(trialId, pinned, cancellationToken);
        Context.Console.MarkupLine(Markup.Escape(pinned ? $"pinned trial {trialId}'s model" : $"unpinned trial {trialId}'s model"));
        return ExitCodes.Success;
    }
}
