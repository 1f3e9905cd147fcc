using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

/// <summary>Typing mistakes in a definition answer one ProblemDetails error each, at the field, saying what was
/// meant (the planner's rules are tested in Core: SearchPlannerMistakeTests).</summary>
public sealed class DefinitionMistakeTests
{
    private static async Task<IReadOnlyDictionary<string, string[]>> ErrorsAsync(ApiHost api, string url, string definition)
    {
        using var response = await api.Client.PostAsync(url, new StringContent(definition, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    [Theory]
    [InlineData("/api/searches")]
    [InlineData("/api/searches/plan")]
    public async Task Post_MisspelledAxis_Returns400NamingTheFieldAndTheAxisItMeant(string url)
    {
        await using var api = await ApiHost.StartAsync();

        var errors = await ErrorsAsync(api, url, """{ "dataset": "mnist", "model": "mlp", "grid": { "widht": [64, 128] } }""");

        Assert.Equal(["grid.widht"], errors.Keys);
        Assert.Equal(["unknown axis 'widht'; did you mean 'width'?"], errors["grid.widht"]);
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Post_MisspelledStrategy_Returns400WithExactlyOneError()
    {
        await using var api = await ApiHost.StartAsync();

        var errors = await ErrorsAsync(api, "/api/searches", """
            { "dataset": "mnist", "model": "mlp", "stratgy": { "kind": "random", "count": 3 },
              "grid": { "width": { "min": 16, "max": 256 } }, "fixed": { "epochs": 1 } }
            """);

        Assert.Equal(["stratgy"], errors.Keys);
        Assert.Equal(["unknown field; did you mean 'strategy'?"], errors["stratgy"]);
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task Post_MisspelledDataset_Returns400SayingWhichDatasetItMeant()
    {
        await using var api = await ApiHost.StartAsync();

        var errors = await ErrorsAsync(api, "/api/searches", """{ "dataset": "mnsit", "model": "mlp" }""");

        Assert.Equal(["unknown dataset \"mnsit\"; did you mean 'mnist'?"], errors["dataset"]);
    }

    [Fact]
    public async Task GetLeaderboard_MisspelledDataset_Returns400SayingWhichDatasetItMeant()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync("/api/leaderboard?dataset=fashion_mnist");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("did you mean 'fashion-mnist'?", problem.GetProperty("errors").GetProperty("dataset")[0].GetString(), StringComparison.Ordinal);
    }
}
