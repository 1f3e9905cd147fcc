using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch predict TRIAL --images FILE: classifies the images in a JSON file with the trial's kept
/// model (POST /api/trials/{id}/predict) and prints each image's class and probability.</summary>
internal sealed class PredictCommand : TrialCommand
{
    private readonly Option<FileInfo> images = new("--images", "-i")
    {
        Description = "A JSON file: { \"images\": [[784 numbers in [0, 1]], ...] } or just the list (28×28, row-major)",
        HelpName = "file",
        Required = true,
    };

    public PredictCommand(CliContext context)
        : base(context, "predict", "Classify images with a trial's kept model") => Add(images);

    protected override async Task<int> RunAsync(ParseResult parseResult, long trialId, CancellationToken cancellationToken)
    {
        var list = await ReadImagesAsync(parseResult.GetRequiredValue(images), cancellationToken);
        var answer = await Context.Client(parseResult).PredictAsync(trialId, list, cancellationToken);
        var table = new Table().AddColumns("image", "class", "probability");
        for (var i = 0; i < answer.Predictions.Count; i++)
        {
            var prediction = answer.Predictions[i];
            table.AddRow(
                i.ToString(CultureInfo.InvariantCulture),
                prediction.Class.ToString(CultureInfo.InvariantCulture),
                prediction.Probabilities[prediction.Class].ToString("0.0000", CultureInfo.InvariantCulture));
        }

        Context.Console.Write(table);
        return ExitCodes.Success;
    }

    /// <summary>The file's images; the API checks their sizes and values and names any bad one.</summary>
    private static async Task<IReadOnlyList<float[]>> ReadImagesAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = file.OpenRead();
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("images", out var named) ? named : root;
            return list.Deserialize<float[][]>() ?? throw new JsonException("no images");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {file}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{file} is not a JSON list of images (each a list of 784 numbers): {e.Message}", e);
        }
    }
}
