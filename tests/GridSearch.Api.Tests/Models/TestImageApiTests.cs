using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Models;

/// <summary>The datasets' test images the dashboard lets a person pick, read from the same IDX files the trainer reads.</summary>
public sealed class TestImageApiTests
{
    [Fact]
    public async Task TestImage_OfAnIndexOrRandom_IsTheFilesImageAndLabel_AndBadRequestsNameWhatIsWrong()
    {
        await using var api = await ApiHost.StartAsync();

        var image = await api.Client.GetFromJsonAsync<JsonElement>("/api/datasets/mnist/test-images/7");
        var random = await api.Client.GetFromJsonAsync<JsonElement>("/api/datasets/mnist/test-images/random");

        Assert.Equal(TestImages.Labels[7], image.GetProperty("label").GetInt32());
        Assert.Equal(TestImages.Image(7), image.GetProperty("pixels").EnumerateArray().Select(p => p.GetSingle()));
        Assert.Equal((10_000, 28, 28), (image.GetProperty("count").GetInt32(), image.GetProperty("height").GetInt32(), image.GetProperty("width").GetInt32()));
        var index = random.GetProperty("index").GetInt32();
        Assert.InRange(index, 0, 9_999);
        Assert.Equal(TestImages.Labels[index], random.GetProperty("label").GetInt32());
        await AssertStatusAsync(api, "/api/datasets/cifar/test-images/1", HttpStatusCode.BadRequest, "dataset");
        await AssertStatusAsync(api, "/api/datasets/mnist/test-images/-1", HttpStatusCode.BadRequest, "index");
        await AssertStatusAsync(api, "/api/datasets/mnist/test-images/10000", HttpStatusCode.NotFound, "10000");
    }

    private static async Task AssertStatusAsync(ApiHost api, string url, HttpStatusCode status, string named)
    {
        using var response = await api.Client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
