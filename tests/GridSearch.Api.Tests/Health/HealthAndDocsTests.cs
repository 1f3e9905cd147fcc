using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Health;

public sealed class HealthAndDocsTests
{
    [Fact]
    public async Task Health_LiveAndReady_AnswerHealthyOnAMigratedDatabase()
    {
        await using var api = await ApiHost.StartAsync();

        using var live = await api.Client.GetAsync("/health/live");
        using var ready = await api.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryEndpoint_AndSwaggerUiIsServed()
    {
        await using var api = await ApiHost.StartAsync();

        var document = await api.Client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        using var ui = await api.Client.GetAsync("/swagger/index.html");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/searches", paths);
        Assert.Contains("/api/searches/{id}", paths);
        Assert.Contains("/api/searches/{id}/trials", paths);
        Assert.Contains("/api/searches/{id}/leaderboard", paths);
        Assert.Contains("/api/searches/{id}/cancel", paths);
        Assert.Contains("/api/trials/{id}", paths);
        Assert.Contains("/api/leaderboard", paths);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }
}
