using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace GridSearch.Cli.Commands;

/// <summary>gridsearch predict TRIAL digit.png... | --images FILE: classifies image files (uploaded as they are;
/// the API decodes them) or the images in a JSON file with the trial's kept model (POST
/// /api/trials/{id}/predict) and prints each image's class and probability.</summary>
internal sealed class PredictCommand : TrialCommand
{
    private readonly Argument<FileInfo[]> files = new("files")
    {
        Description = "28×28 image files (PNG; light strokes on a dark ground, as in MNIST, unless --invert)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<FileInfo> images = new("--images", "-i")
    {
        Description = "A JSON file instead: { \"images\": [[784 numbers in [0, 1]], ...] } or just the list (28×28, row-major)",
        HelpName = "file",
    };

    private readonly Option<bool> invert = new("--invert")
    {
        Description = "The image files are dark strokes on a light ground (a scan, an editor's drawing)",
    };

    public PredictCommand(CliContext context)
        : base(context, "predict", "Classify images with a trial's kept model") => Add(files, images, invert);

    protected override async Task<int> RunAsync(ParseResult parseResult, long trialId, CancellationToken cancellationToken)
    {
        var uploads = parseResult.GetValue(files) ?? [];
        var json = parseResult.GetValue(images);
        if ((uploads.Length > 0) == (json is not null))
        {
            throw new UsageException("give image files or --images FILE (one of them).");
        }

        var client = Context.Client(parseResult);
        var answer = json is null
            ? await client.PredictFilesAsync(trialId, await ReadFilesAsync(uploads, cancellationToken), parseResult.GetValue(invert), cancellationToken)
            : await client.PredictAsync(trialId, await ReadImagesAsync(json, cancellationToken), cancellationToken);
        string Name(int image) => uploads.Length > 0 ? uploads[image].Name : image.ToString(CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("image", "class", "probability");
        for (var i = 0; i < answer.Predictions.Count; i++)
        {
            var prediction = answer.Predictions[i];
            table.AddRow(
                Markup.Escape(Name(i)),
                prediction.Class.ToString(CultureInfo.InvariantCulture),
                prediction.Probabilities[prediction.Class].ToString("0.0000", CultureInfo.InvariantCulture));
        }

        Context.Console.Write(table);
        // Under the table, as the errors are: the answers stand, the warning says which to doubt and why.
        foreach (var warning in answer.Warnings ?? [])
        {
            await Context.Errors.WriteLineAsync($"warning: {(uploads.Length > 0 ? "" : "image ")}{Name(warning.Image)}: {warning.Message}");
        }

        return ExitCodes.Success;
    }

    private static async Task<IReadOnlyList<(string Name, byte[] Bytes)>> ReadFilesAsync(FileInfo[] uploads, CancellationToken cancellationToken)
    {
        var read = new List<(string, byte[])>(uploads.Length);
        foreach (var file in uploads)
        {
            try
            {
                read.Add((file.Name, await File.ReadAllBytesAsync(file.FullName, cancellationToken)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read {file}: {e.Message}", e);
            }
        }

        return read;
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
