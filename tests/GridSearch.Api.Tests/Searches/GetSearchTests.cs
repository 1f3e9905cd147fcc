using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

public sealed class GetSearchTests
{

    private static object Definition(string name, int trials) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        grid = new { width = Enumerable.Range(1, trials).Select(i => i * 10).ToArray() },
    };

    [Fact]
    public async Task Get_NewSearch_IsQueuedWithAllTrialsQueuedAndNoBest()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("fresh", 4));

        var search = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}");

        Assert.Equal("queued", search.GetProperty("status").GetString());
        Assert.Equal(4, search.GetProperty("counts").GetProperty("queued").GetInt32());
        Assert.Equal(JsonValueKind.Null, search.GetProperty("best").ValueKind);
        Assert.Equal(JsonValueKind.Null, search.GetProperty("startedAt").ValueKind);
    }

    [Fact]
    public async Task Get_WhileTrialsFinish_ReportsCountsBestAndThenCompleted()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("progress", 3));

        var first = await api.FinishNextAsync(0.91);
        var second = await api.FinishNextAsync(0.95);
        var running = await api.Queue.ClaimAsync("w", CancellationToken.None);
        var midway = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}");

        Assert.Equal("running", midway.GetProperty("status").GetString());
        var counts = midway.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, counts.GetProperty("running").GetInt32());
        Assert.Equal(0, counts.GetProperty("queued").GetInt32());
        Assert.Equal(second.TrialId, midway.GetProperty("best").GetProperty("trialId").GetInt64());
        Assert.Equal(0.95, midway.GetProperty("best").GetProperty("testAccuracy").GetDouble());
        Assert.NotEqual(JsonValueKind.Null, midway.GetProperty("startedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, midway.GetProperty("finishedAt").ValueKind);

        // Fail every attempt, skipping the retry backoff, until the trial is failed for good.
        var attempt = running;
        while (attempt is not null)
        {
            await api.Queue.FailAsync(attempt, "out of memory", CancellationToken.None);
            await api.Database.ExecuteAsync("UPDATE trials SET available_at = now() WHERE status = 'queued'");
            attempt = await api.Queue.ClaimAsync("w", CancellationToken.None);
        }

        var done = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{id}");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, done.GetProperty("counts").GetProperty("failed").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("finishedAt").ValueKind);
        Assert.NotEqual(first.TrialId, second.TrialId);
    }

    [Fact]
    public async Task Get_UnknownSearch_Returns404()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync("/api/searches/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_ReturnsSearchesNewestFirstInPages()
    {
        await using var api = await ApiHost.StartAsync();
        var ids = new List<long>();
        foreach (var name in new[] { "one", "two", "three" })
        {
            ids.Add(await api.SubmitAsync(Definition(name, 1)));
        }

        var page1 = await api.Client.GetFromJsonAsync<JsonElement>("/api/searches?page=1&pageSize=2");
        var page2 = await api.Client.GetFromJsonAsync<JsonElement>("/api/searches?page=2&pageSize=2");

        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal(["three", "two"], page1.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["one"], page2.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal(2, page2.GetProperty("pageSize").GetInt32());
    }

    [Theory]
    [InlineData("/api/searches?page=0")]
    [InlineData("/api/searches?pageSize=0")]
    [InlineData("/api/searches?pageSize=100000")]
    public async Task List_WithBadPaging_Returns400NamingTheParameter(string url)
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Cancel_QueuedTrialsCancelAtOnceAndRunningOnesAreFlagged()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("to-cancel", 4));
        await api.FinishNextAsync(0.9);
        var running = await api.Queue.ClaimAsync("w", CancellationToken.None);

        using var response = await api.Client.PostAsync($"/api/searches/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var search = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", search.GetProperty("status").GetString());
        Assert.Equal(2, search.GetProperty("counts").GetProperty("cancelled").GetInt32());
        Assert.Equal(1, search.GetProperty("counts").GetProperty("running").GetInt32());
        Assert.Equal(1, search.GetProperty("counts").GetProperty("succeeded").GetInt32());
        Assert.Null(await api.Queue.ClaimAsync("w", CancellationToken.None));
        Assert.Equal(GridSearch.Core.Queue.HeartbeatOutcome.CancelRequested, await api.Queue.HeartbeatAsync(running!, CancellationToken.None));
    }

    [Fact]
    public async Task Cancel_UnknownSearch_Returns404()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsync("/api/searches/4242/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_OfACompletedSearch_LeavesItCompleted()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(Definition("done", 1));
        await api.FinishNextAsync(0.9);

        using var response = await api.Client.PostAsync($"/api/searches/{id}/cancel", null);

        var search = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", search.GetProperty("status").GetString());
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches WHERE cancelled_at IS NOT NULL"));
    }
}
