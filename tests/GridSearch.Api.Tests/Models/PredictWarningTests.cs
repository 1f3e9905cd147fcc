using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;
using GridSearch.Testing.Images;

namespace GridSearch.Api.Tests.Models;

/// <summary>Predict answers every image and warns about each whose ground is light, saying how to send it the right way round.</summary>
public sealed class PredictWarningTests
{
    [Fact]
    public async Task Predict_OfADarkOnLightPng_WarnsNamingTheImageAndInvert_AndWithInvertDoesNot()
    {
        await using var host = await ApiHost.StartAsync();
        var trialId = await ModelApiTests.TrainOneAsync(host, "mlp", new { depth = 1, width = 16 });
        var digit = TestImages.Image(0);
        var scan = GrayPng.Encode([.. digit.Select(p => 1 - p)]);

        var plain = await PredictAsync(host, trialId, Upload(("digit.png", GrayPng.Encode(digit)), ("scan.png", scan)));
        var inverted = await PredictAsync(host, trialId, Upload(("scan.png", scan)), invert: true);
        var invertedTwice = await PredictAsync(host, trialId, Upload(("digit.png", GrayPng.Encode(digit))), invert: true);

        Assert.Equal(2, plain.GetProperty("predictions").GetArrayLength());
        var warning = Assert.Single(plain.GetProperty("warnings").EnumerateArray());
        Assert.Equal(1, warning.GetProperty("image").GetInt32());
        var message = warning.GetProperty("message").GetString();
        Assert.StartsWith("The ground is light (its border averages 1.00 on the model's 0..1 scale)", message, StringComparison.Ordinal);
        Assert.Contains("upload it with invert=true (gridsearch predict --invert)", message, StringComparison.Ordinal);
        Assert.Empty(inverted.GetProperty("warnings").EnumerateArray());
        Assert.Contains("without invert=true", Assert.Single(invertedTwice.GetProperty("warnings").EnumerateArray()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_OfJsonImages_WarnsAboutTheLightOnesOnly_AndSaysToSendOneMinusEachValue()
    {
        await using var host = await ApiHost.StartAsync();
        var trialId = await ModelApiTests.TrainOneAsync(host, "mlp", new { depth = 1, width = 16 });
        var images = Enumerable.Range(0, 4).Select(TestImages.Image).ToArray();

        var dark = await PredictAsync(host, trialId, JsonContent.Create(new { images }));
        var mixed = await PredictAsync(host, trialId, JsonContent.Create(new { images = new[] { images[0], [.. images[1].Select(p => 1 - p)] } }));

        Assert.Equal(JsonValueKind.Array, dark.GetProperty("warnings").ValueKind);
        Assert.Empty(dark.GetProperty("warnings").EnumerateArray());
        var warning = Assert.Single(mixed.GetProperty("warnings").EnumerateArray());
        Assert.Equal(1, warning.GetProperty("image").GetInt32());
        Assert.EndsWith("send each value v as 1 - v.", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PredictAsync(ApiHost host, long trialId, HttpContent body, bool invert = false)
    {
        using (body)
        {
            if (invert)
            {
                ((MultipartFormDataContent)body).Add(new StringContent("true"), "invert");
            }

            using var response = await host.Client.PostAsync(new Uri($"/api/trials/{trialId}/predict", UriKind.Relative), body);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    private static MultipartFormDataContent Upload(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            form.Add(new ByteArrayContent(bytes), "images", name);
        }

        return form;
    }
}
