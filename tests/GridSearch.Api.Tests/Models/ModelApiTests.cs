using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Models;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;
using GridSearch.Testing.Images;
using GridSearch.Training;

namespace GridSearch.Api.Tests.Models;

/// <summary>Trials trained for real and completed with their weights the way the worker does, then exported
/// and served over the API.</summary>
public sealed class ModelApiTests
{
    private static readonly TrialTrainer Trainer = TrialTrainer.FromEnvironment(new TrainerOptions { Threads = 1 });

    public static TheoryData<string, object> Models => new()
    {
        { "mlp", new { depth = 2, width = 32, activation = "tanh", batchNorm = true, dropout = 0.2 } },
        { "cnn", new { convLayers = 2, filters = 4, denseUnits = 16, batchNorm = true, activation = "relu" } },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_kept_model_exports_to_onnx_that_scores_the_recorded_test_accuracy_and_predict_answers_its_classes(string model, object layers)
    {
        await using var host = await ApiHost.StartAsync();
        var trialId = await TrainOneAsync(host, model, layers);
        var trial = await host.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{trialId}");
        Assert.True(trial.GetProperty("modelKept").GetBoolean());
        var recorded = (int)Math.Round(trial.GetProperty("result").GetProperty("testAccuracy").GetDouble() * TestImages.Count);

        var onnx = await host.Client.GetByteArrayAsync($"/api/trials/{trialId}/model?format=onnx");
        var classes = TestImages.Classify(onnx);
        var correct = classes.Where((c, i) => c == TestImages.Labels[i]).Count();
        Assert.InRange(correct, recorded - 1, recorded + 1);

        var images = Enumerable.Range(0, 64).Select(TestImages.Image).ToArray();
        using var response = await host.Client.PostAsJsonAsync($"/api/trials/{trialId}/predict", new { images });
        response.EnsureSuccessStatusCode();
        var predictions = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(classes[..64], predictions.Select(p => p.GetProperty("class").GetInt32()));
        Assert.All(predictions, p => Assert.Equal(1.0, p.GetProperty("probabilities").EnumerateArray().Sum(x => x.GetDouble()), 3));
    }

    [Fact]
    public async Task The_config_format_names_the_layers_and_the_state_dict_tensors_of_the_network()
    {
        await using var host = await ApiHost.StartAsync();
        var trialId = await TrainOneAsync(host, "mlp", new { depth = 1, width = 16, batchNorm = true });

        var config = await host.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{trialId}/model?format=config");

        Assert.Equal(["flatten", "dense", "batch_norm1d", "activation", "dense"], config.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("kind").GetString()));
        Assert.Equal(
            ["1.weight", "1.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var", "4.weight", "4.bias"],
            config.GetProperty("tensors").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("mlp", config.GetProperty("config").GetProperty("model").GetString());
        Assert.InRange(config.GetProperty("result").GetProperty("testAccuracy").GetDouble(), 0.1, 1.0);
    }

    [Fact]
    public async Task Bad_images_are_refused_naming_the_image_and_a_trial_without_a_kept_model_is_a_conflict()
    {
        await using var host = await ApiHost.StartAsync();
        var trialId = await TrainOneAsync(host, "mlp", new { depth = 1, width = 16 });
        var good = TestImages.Image(0);

        await AssertProblemAsync(host, trialId, new { images = new[] { good, good[..783] } }, "images[1]");
        await AssertProblemAsync(host, trialId, new { images = new[] { good.Select(p => p * 255).ToArray() } }, "images[0]");
        await AssertProblemAsync(host, trialId, new { images = Array.Empty<float[]>() }, "images");
        await AssertProblemAsync(host, trialId, new { pictures = new[] { good } }, "images");
        using (var format = await host.Client.GetAsync($"/api/trials/{trialId}/model?format=keras"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
            Assert.Contains("format", await format.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Another search's trial completed without weights: it exists, its model does not.
        await host.SubmitAsync(new { dataset = "mnist", model = "mlp", name = "bare" });
        var bare = await host.FinishNextAsync(0.9);
        using (var predict = await host.Client.PostAsJsonAsync($"/api/trials/{bare.TrialId}/predict", new { images = new[] { good } }))
        {
            Assert.Equal(HttpStatusCode.Conflict, predict.StatusCode);
        }

        using (var export = await host.Client.GetAsync($"/api/trials/{bare.TrialId}/model"))
        {
            Assert.Equal(HttpStatusCode.Conflict, export.StatusCode);
        }

        using (var pin = await host.Client.PostAsync($"/api/trials/{bare.TrialId}/pin", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, pin.StatusCode);
        }

        using var missing = await host.Client.PostAsJsonAsync("/api/trials/999999/predict", new { images = new[] { good } });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var pinned = await host.Client.PostAsync($"/api/trials/{trialId}/pin", null);
        Assert.Equal(HttpStatusCode.NoContent, pinned.StatusCode);
    }

    [Fact]
    public async Task Uploaded_pngs_are_classified_as_their_pixels_are_and_bad_uploads_are_refused_by_name()
    {
        await using var host = await ApiHost.StartAsync();
        var trialId = await TrainOneAsync(host, "mlp", new { depth = 1, width = 16 });
        var images = Enumerable.Range(0, 8).Select(TestImages.Image).ToArray();
        using var json = await host.Client.PostAsJsonAsync($"/api/trials/{trialId}/predict", new { images });
        var expected = await PredictionsAsync(json);

        using (var upload = Upload(images.Select((image, i) => ($"digit-{i}.png", GrayPng.Encode(image)))))
        {
            using var response = await host.Client.PostAsync($"/api/trials/{trialId}/predict", upload);
            Assert.Equal(expected, await PredictionsAsync(response));
        }

        // A dark digit on a light ground, as drawn in an editor, reads the same with invert=true.
        using (var upload = Upload(images.Select((image, i) => ($"scan-{i}.png", GrayPng.Encode([.. image.Select(p => 1 - p)])))))
        {
            upload.Add(new StringContent("true"), "invert");
            using var response = await host.Client.PostAsync($"/api/trials/{trialId}/predict", upload);
            Assert.Equal(expected, await PredictionsAsync(response));
        }

        using (var upload = Upload([("good.png", GrayPng.Encode(images[0])), ("notes.txt", "not an image"u8.ToArray()), ("big.png", GrayPng.Encode(new float[32 * 32]))]))
        {
            using var response = await host.Client.PostAsync($"/api/trials/{trialId}/predict", upload);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.False(errors.TryGetProperty("images[0]", out _));
            Assert.Contains("not an image", errors.GetProperty("images[1]")[0].GetString(), StringComparison.Ordinal);
            Assert.Contains("28×28 pixels, got 32×32", errors.GetProperty("images[2]")[0].GetString(), StringComparison.Ordinal);
        }

        using (var upload = new MultipartFormDataContent { { new StringContent("true"), "invert" } })
        {
            using var response = await host.Client.PostAsync($"/api/trials/{trialId}/predict", upload);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("images", out _));
        }
    }

    private static async Task<List<int>> PredictionsAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("class").GetInt32())];
    }

    private static MultipartFormDataContent Upload(IEnumerable<(string Name, byte[] Bytes)> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            form.Add(new ByteArrayContent(bytes), "images", name);
        }

        return form;
    }

    /// <summary>Submits a one-trial search and trains its trial as the worker would: the outcome's weights
    /// are completed with the result.</summary>
    internal static async Task<long> TrainOneAsync(ApiHost host, string model, object layers)
    {
        var fixedAxes = JsonSerializer.SerializeToElement(layers).EnumerateObject()
            .Concat(JsonSerializer.SerializeToElement(new { trainSize = 400, epochs = 1, batchSize = 32, learningRate = 0.003 }).EnumerateObject())
            .ToDictionary(p => p.Name, p => p.Value);
        await host.SubmitAsync(new Dictionary<string, object> { ["dataset"] = "mnist", ["model"] = model, ["seed"] = 7, ["fixed"] = fixedAxes });
        var lease = await host.Queue.ClaimAsync("test-worker", default) ?? throw new InvalidOperationException("Nothing to claim.");
        var outcome = Trainer.Train(TrialConfigJson.Deserialize(lease.ConfigJson));
        Assert.True(await host.Queue.CompleteAsync(lease, outcome.Result, StoredModel.From(outcome.State), default));
        return lease.TrialId;
    }

    private static async Task AssertProblemAsync(ApiHost host, long trialId, object body, string field)
    {
        using var response = await host.Client.PostAsJsonAsync($"/api/trials/{trialId}/predict", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for {field}: {problem}");
    }
}
