using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Images;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridSearch.Dashboard.Tests;

/// <summary>The trial page's "Try the model" panel: a digit drawn with the mouse, an uploaded image and a picked
/// test image are classified by the trial's kept model as the API classifies the same pixels.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PredictPanelTests(DashboardHost host)
{
    [Fact]
    public async Task TrialPage_ClassifiesADrawnDigitAnUploadedImageAndAPickedTestImage_AsThePredictEndpointDoes()
    {
        var searchId = await host.CompletedSearchAsync();
        var trialId = (await host.GetAsync($"/api/searches/{searchId}")).GetProperty("best").GetProperty("trialId").GetInt64();
        Assert.True((await host.GetAsync($"/api/trials/{trialId}")).GetProperty("modelKept").GetBoolean());
        await using var page = await host.OpenAsync($"#/trials/{trialId}");
        var p = page.Page;
        var pad = p.Locator("#predict canvas.digit-pad");
        await Expect(pad).ToBeVisibleAsync();

        // A 7: a bar across the top, a stroke down to the bottom left. The prediction follows the pen's lift.
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        var request = await p.RunAndWaitForRequestAsync(async () =>
        {
            await p.Mouse.MoveAsync(box.X + 70, box.Y + 60);
            await p.Mouse.DownAsync();
            await p.Mouse.MoveAsync(box.X + 210, box.Y + 60, new() { Steps = 12 });
            await p.Mouse.MoveAsync(box.X + 120, box.Y + 230, new() { Steps = 12 });
            await p.Mouse.UpAsync();
        }, r => r.Url.EndsWith($"/api/trials/{trialId}/predict", StringComparison.Ordinal));
        var pixels = JsonDocument.Parse(request.PostData!).RootElement.GetProperty("images")[0].EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(784, pixels.Length);
        Assert.InRange(pixels.Count(v => v > 0.5f), 40, 400);
        var expected = await ClassOfAsync(trialId, JsonContent.Create(new { images = new[] { pixels } }));

        var probabilities = p.Locator("#predict ol.probabilities li");
        await Expect(probabilities).ToHaveCountAsync(10);
        await Expect(p.Locator("#predict .predicted-class strong")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(p.Locator("#predict .prediction")).Not.ToContainTextAsync("null");
        await Expect(p.Locator("#predict .true-class")).ToHaveCountAsync(0);
        var sum = await p.Locator("#predict meter").EvaluateAllAsync<double>("meters => meters.reduce((s, m) => s + Number(m.value), 0)");
        Assert.Equal(1.0, sum, 3);
        await page.ScreenshotAsync("trial-predict");

        await p.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(probabilities).ToHaveCountAsync(0);

        // The same pixels as a PNG file, through the upload button: the multipart path answers alike.
        var png = GrayPng.Encode(pixels);
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(png), "images", "seven.png" } };
        var uploaded = await ClassOfAsync(trialId, upload);
        await p.Locator("#predict input[type=file]").SetInputFilesAsync(new FilePayload { Name = "seven.png", MimeType = "image/png", Buffer = png });
        await Expect(p.Locator("#predict .predicted-class strong")).ToHaveTextAsync(uploaded.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // One of the dataset's test images, picked at random: predicted from its own pixels, its true class beside.
        var picked = await p.RunAndWaitForResponseAsync(
            () => p.GetByRole(AriaRole.Button, new() { Name = "Pick a test image" }).ClickAsync(),
            r => r.Url.Contains("/api/datasets/mnist/test-images/random", StringComparison.Ordinal));
        var image = JsonDocument.Parse(await picked.TextAsync()).RootElement;
        var label = image.GetProperty("label").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var testPixels = image.GetProperty("pixels").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var predicted = await ClassOfAsync(trialId, JsonContent.Create(new { images = new[] { testPixels } }));
        await Expect(p.Locator("#predict .true-class strong")).ToHaveTextAsync(label);
        await Expect(p.Locator("#predict .predicted-class strong")).ToHaveTextAsync(predicted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.AssertNoConsoleErrors();
    }

    private async Task<int> ClassOfAsync(long trialId, HttpContent body)
    {
        using var response = await host.Client.PostAsync(new Uri($"/api/trials/{trialId}/predict", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions")[0].GetProperty("class").GetInt32();
    }
}
