using System.CommandLine;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch model TRIAL --format onnx|config -o FILE: downloads the trial's kept model
/// (GET /api/trials/{id}/model) and writes it exactly as received.</summary>
internal sealed class ModelCommand : TrialCommand
{
    private readonly Option<string> format = CommonOptions.Format(
        "onnx (the network, opset 13: input 'image' [N,1,28,28] in [0,1], output 'probabilities' [N,10]) or config (JSON to rebuild it)", ["onnx", "config"], defaultValue: "onnx");
    private readonly Option<FileInfo> output = CommonOptions.Output("The file to write", required: true);

    public ModelCommand(CliContext context)
        : base(context, "model", "A trial's kept model, as ONNX or as the config and layers to rebuild it")
    {
        Add(format, output);
    }

    protected override async Task<int> RunAsync(ParseResult parseResult, long trialId, CancellationToken cancellationToken)
    {
        // Read in full before anything is written, so an API error never leaves half a file.
        var model = await Context.Client(parseResult).GetModelAsync(trialId, parseResult.GetRequiredValue(format), cancellationToken);
        var file = parseResult.GetRequiredValue(output);
        await OutputFile.WriteAsync(file, model, cancellationToken);

        Context.Console.MarkupLine(Markup.Escape($"wrote trial {trialId}'s model ({model.Length:N0} bytes) to {file}"));
        return ExitCodes.Success;
    }
}
