using System.CommandLine;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch model TRIAL [--format onnx|config] [-o FILE]: downloads the trial's kept model
/// (GET /api/trials/{id}/model) and writes it exactly as received, by <see cref="Download"/>'s rule.</summary>
internal sealed class ModelCommand : TrialCommand
{
    private readonly Download download = new(DownloadFormats.Model);

    public ModelCommand(CliContext context)
        : base(context, "model", "A trial's kept model, as ONNX or as the config and layers to rebuild it")
    {
        Add(download.Format, download.Output);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, long trialId, CancellationToken cancellationToken)
    {
        var target = download.Target(parseResult, Context, $"trial-{trialId}");
        var model = await Context.Client(parseResult).GetModelAsync(trialId, target.Format, cancellationToken);
        await Download.WriteAsync(Context, target, model, cancellationToken);
        if (target.File is { } file)
        {
            Context.Console.MarkupLine(Markup.Escape($"wrote trial {trialId}'s model ({model.Length:N0} bytes) to {file}"));
        }

        return ExitCodes.Success;
    }
}
