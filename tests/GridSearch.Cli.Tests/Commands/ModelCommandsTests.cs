using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Cli.Tests.Support;
using GridSearch.Core.Models;
using GridSearch.Domain.Architectures;
using GridSearch.Domain.Models;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;
using GridSearch.Testing.Images;

namespace GridSearch.Cli.Tests.Commands;

/// <summary>model, predict and pin over a trial completed with a model of seeded random weights (no
/// training needed: the CLI only moves bytes and answers).</summary>
public sealed class ModelCommandsTests
{
    [Fact]
    public async Task Model_OfAKeptTrial_WritesTheOnnxTheApiServesByteForByte()
    {
        await using var api = await ApiHost.StartAsync();
        var trialId = await KeptTrialAsync(api);
        using var target = new TempFile(extension: ".onnx");

        var run = await Shell.RunAsync(api.Client, "model", $"{trialId}", "--format", "onnx", "-o", target.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await api.Client.GetByteArrayAsync($"/api/trials/{trialId}/model?format=onnx"), await File.ReadAllBytesAsync(target.Path));
    }

    [Fact]
    public async Task Model_ConfigWithoutOutput_PrintsTheConfigJsonTheApiServes()
    {
        await using var api = await ApiHost.StartAsync();
        var trialId = await KeptTrialAsync(api);

        var run = await Shell.RunAsync(api.Client, interactive: true, new ObservedWriter(), "model", $"{trialId}", "--format", "config");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await api.Client.GetStringAsync($"/api/trials/{trialId}/model?format=config"), run.Output);
        Assert.Equal(trialId, JsonDocument.Parse(run.Output).RootElement.GetProperty("trialId").GetInt64());
    }

    [Fact]
    public async Task Model_OnnxWithoutOutputOnATerminal_IsAUsageErrorExit2AskingForOutput_AndWritesNothing()
    {
        await using var api = await ApiHost.StartAsync();
        var trialId = await KeptTrialAsync(api);

        var run = await Shell.RunAsync(api.Client, interactive: true, new ObservedWriter(), "model", $"{trialId}");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal(
            $"error: onnx is binary and standard output is a terminal: write it to a file with -o trial-{trialId}.onnx, or redirect the output (> trial-{trialId}.onnx).",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Model_WithoutFormatOrOutput_RedirectedToAFile_WritesTheOnnxTheApiServesByteForByte()
    {
        await using var api = await ApiHost.StartAsync();
        var trialId = await KeptTrialAsync(api);
        using var target = new TempFile(extension: ".onnx");

        CliRun run;
        await using (var redirected = File.Create(target.Path))
        {
            run = await Shell.RunAsync(api.Client, redirected, "model", $"{trialId}");
        }

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Errors);
        Assert.Equal(await api.Client.GetByteArrayAsync($"/api/trials/{trialId}/model"), await File.ReadAllBytesAsync(target.Path));
    }

    [Fact]
    public async Task Predict_OfImages_PrintsEachImagesClassAsTheApiAnswersIt()
    {
        await using var api = await ApiHost.StartAsync();
        var trialId = await KeptTrialAsync(api);
        var random = new Random(3);
        var images = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 784).Select(_ => random.NextSingle()).ToArray()).ToArray();
        using var file = new TempFile(JsonSerializer.Serialize(new { images }));
        using var response = await api.Client.PostAsJsonAsync($"/api/trials/{trialId}/predict", new { images });
        var classes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions").EnumerateArray()
            .Select(p => p.GetProperty("class").GetInt32()).ToList();

        var run = await Shell.RunAsync(api.Client, "predict", $"{trialId}", "--images", file.Path);

        Assert.Equal(0, run.ExitCode);
        for (var i = 0; i < classes.Count; i++)
        {
            Assert.Contains(run.OutputLines, line => line.Replace(" ", "", StringComparison.Ordinal).StartsWith($"│{i}│{classes[i]}│", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Predict_OfPngFiles_UploadsThemAndPrintsEachFilesClass_AndRefusesNoImages()
    {
        await using var api = await ApiHost.StartAsync();
        var trialId = await KeptTrialAsync(api);
        var random = new Random(5);
        var levels = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 784).Select(_ => (byte)random.Next(256)).ToArray()).ToArray();
        var images = levels.Select(l => l.Select(b => b * (1f / 255f)).ToArray()).ToArray();
        using var response = await api.Client.PostAsJsonAsync($"/api/trials/{trialId}/predict", new { images });
        var classes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions").EnumerateArray()
            .Select(p => p.GetProperty("class").GetInt32()).ToList();
        using var first = new TempFile(extension: ".png");
        using var second = new TempFile(extension: ".png");
        await File.WriteAllBytesAsync(first.Path, GrayPng.Encode(images[0]));
        await File.WriteAllBytesAsync(second.Path, GrayPng.Encode(images[1]));

        var run = await Shell.RunAsync(api.Client, "predict", $"{trialId}", first.Path, second.Path);
        var neither = await Shell.RunAsync(api.Client, "predict", $"{trialId}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, line => line.Replace(" ", "", StringComparison.Ordinal).StartsWith($"│{Path.GetFileName(first.Path)}│{classes[0]}│", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.Replace(" ", "", StringComparison.Ordinal).StartsWith($"│{Path.GetFileName(second.Path)}│{classes[1]}│", StringComparison.Ordinal));
        Assert.NotEqual(0, neither.ExitCode);
        Assert.Contains("--images", neither.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_OfADarkOnLightPng_PrintsItsClassAndWarnsNamingTheFileAndInvert_AndWithInvertDoesNot()
    {
        await using var api = await ApiHost.StartAsync();
        var trialId = await KeptTrialAsync(api);
        // A 7 drawn in an editor: black strokes on white, the negative of what the model was trained on.
        var pixels = new float[784];
        for (var i = 0; i < pixels.Length; i++)
        {
            var (x, y) = (i % 28, i / 28);
            var stroke = (y is 6 or 7 && x is >= 7 and <= 21) || (y >= 8 && y <= 22 && Math.Abs(x - (21 - ((y - 8) * 10 / 14))) <= 1);
            pixels[i] = stroke ? 0 : 1;
        }

        using var scan = new TempFile(extension: ".png");
        await File.WriteAllBytesAsync(scan.Path, GrayPng.Encode(pixels));
        var name = Path.GetFileName(scan.Path);

        var run = await Shell.RunAsync(api.Client, "predict", $"{trialId}", scan.Path);
        var inverted = await Shell.RunAsync(api.Client, "predict", $"{trialId}", scan.Path, "--invert");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, line => line.Replace(" ", "", StringComparison.Ordinal).StartsWith($"│{name}│", StringComparison.Ordinal));
        var warning = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"warning: {name}: The ground is light", warning, StringComparison.Ordinal);
        Assert.Contains("gridsearch predict --invert", warning, StringComparison.Ordinal);
        Assert.Equal(0, inverted.ExitCode);
        Assert.Empty(inverted.Errors);
    }

    [Fact]
    public async Task Pin_OnAKeptModel_Succeeds_AndOnATrialWithoutOneFailsWithTheApisReason()
    {
        await using var api = await ApiHost.StartAsync();
        var trialId = await KeptTrialAsync(api);
        await api.SubmitAsync(Definitions.Widths(1));
        var bare = await api.FinishNextAsync(0.9);

        var pinned = await Shell.RunAsync(api.Client, "pin", $"{trialId}");
        var refused = await Shell.RunAsync(api.Client, "pin", $"{bare.TrialId}");

        Assert.Equal(0, pinned.ExitCode);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("not kept", refused.Errors, StringComparison.Ordinal);
    }

    /// <summary>A one-trial MLP search whose trial completes with seeded random weights.</summary>
    private static async Task<long> KeptTrialAsync(ApiHost api)
    {
        await api.SubmitAsync(new { dataset = "mnist", model = "mlp", name = "kept", @fixed = new { depth = 1, width = 8 } });
        var lease = await api.Queue.ClaimAsync("test-worker", default) ?? throw new InvalidOperationException("Nothing to claim.");
        var architecture = ArchitectureBuilder.Build(TrialConfigJson.Deserialize(lease.ConfigJson), ImageShape.Mnist, KeptModel.Classes);
        var random = new Random(11);
        var count = ModelState.Layout(architecture).Sum(t => t.Count);
        var state = ModelState.Create(architecture, [.. Enumerable.Range(0, count).Select(_ => random.NextSingle() - 0.5f)]);
        var result = new TrialResult(0.5, 1.0, 0.5, 1.0, 1, StopReason.Completed, architecture.ParameterCount, [[1]]);
        Assert.True(await api.Queue.CompleteAsync(lease, result, StoredModel.From(state), default));
        return lease.TrialId;
    }
}
