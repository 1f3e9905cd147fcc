using System.Net.Http.Json;
using GridSearch.Api.Tests.Models;
using GridSearch.Core.Access;
using GridSearch.Core.Workers;
using GridSearch.Domain.Vocabulary;
using GridSearch.Testing.Api;
using static System.Net.HttpStatusCode;

namespace GridSearch.Api.Tests.OpenApi;

/// <summary>Every operation of the served document, driven with real data (searches through the real queue,
/// a trained model, keys of each scope), each answer checked against the document's schema for its status.</summary>
public sealed class LiveResponsesTests
{
    private static readonly object TwoWidths = new
    {
        name = "contract",
        dataset = "mnist",
        model = "mlp",
        grid = new { width = new[] { 16, 32 } },
        @fixed = new { depth = 1, epochs = 1, trainSize = 400 },
    };

    [Fact]
    public async Task EveryOperation_ForEachStatus_AnswersAsTheDocumentDescribes()
    {
        // Search and model requests go with a submit or admin key, to check 401 and 403 once keys exist.
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?> { ["GridSearch:Limits:SubmissionsPerWindow"] = "12" });
        var modelTrial = await ModelApiTests.TrainOneAsync(api, "mlp", new { depth = 1, width = 16 });
        var contract = await ApiContract.FetchAsync(api.Client);
        var check = new ContractCheck(contract);
        var (_, adminSecret) = await api.CreateKeyAsync("admin", ApiKeyScope.Admin);
        var (_, readSecret) = await api.CreateKeyAsync("reader", ApiKeyScope.Read);
        var (_, burstSecret) = await api.CreateKeyAsync("burst", ApiKeyScope.Submit);
        using var admin = api.ClientWithKey(adminSecret);
        using var reader = api.ClientWithKey(readSecret);
        using var burst = api.ClientWithKey(burstSecret);
        var anonymous = api.Client;
        const long Missing = 987_654_321;

        await check.CheckAsync("GetAxes", OK, () => admin.GetAsync("/api/axes"));
        await check.CheckAsync("ListSearches", Unauthorized, () => anonymous.GetAsync("/api/searches"));

        await check.CheckAsync("PlanSearch", OK, () => admin.PostAsJsonAsync("/api/searches/plan", TwoWidths));
        await check.CheckAsync("PlanSearch", BadRequest, () => admin.PostAsJsonAsync("/api/searches/plan", new { dataset = "mnist", model = "mlp", grid = new { colour = new[] { 1 } } }));
        var created = await check.CheckAsync("CreateSearch", Created, () => Post(admin, "/api/searches", TwoWidths, "contract-1"));
        await check.CheckAsync("CreateSearch", UnprocessableEntity, () => Post(admin, "/api/searches", new { dataset = "mnist", model = "cnn" }, "contract-1"));
        await check.CheckAsync("CreateSearch", BadRequest, () => admin.PostAsJsonAsync("/api/searches", new { dataset = "cifar", model = "mlp" }));
        await check.CheckAsync("CreateSearch", Forbidden, () => reader.PostAsJsonAsync("/api/searches", TwoWidths));
        var searchId = created.GetProperty("id").GetInt64();
        for (var i = 0; i < 12; i++)
        {
            using var spent = await burst.PostAsJsonAsync("/api/searches", new { dataset = "none" });
        }

        await check.CheckAsync("CreateSearch", TooManyRequests, () => burst.PostAsJsonAsync("/api/searches", new { dataset = "none" }));

        // Both trials of the search finish through the queue, as a worker would finish them.
        await api.FinishNextAsync(0.91);
        await api.FinishNextAsync(0.93);
        var queuedSearch = (await check.CheckAsync("CreateSearch", Created, () => admin.PostAsJsonAsync("/api/searches", new { dataset = "fashion-mnist", model = "cnn", name = "queued" }))).GetProperty("id").GetInt64();

        await check.CheckAsync("ListSearches", OK, () => admin.GetAsync("/api/searches"));
        await check.CheckAsync("ListSearches", BadRequest, () => admin.GetAsync("/api/searches?pageSize=0"));
        await check.CheckAsync("GetSearch", OK, () => admin.GetAsync($"/api/searches/{searchId}"));
        await check.CheckAsync("GetSearch", OK, () => admin.GetAsync($"/api/searches/{queuedSearch}"));
        await check.CheckAsync("GetSearch", NotFound, () => admin.GetAsync($"/api/searches/{Missing}"));
        var trials = await check.CheckAsync("ListTrials", OK, () => admin.GetAsync($"/api/searches/{searchId}/trials"));
        await check.CheckAsync("ListTrials", OK, () => admin.GetAsync($"/api/searches/{queuedSearch}/trials"));
        await check.CheckAsync("ListTrials", BadRequest, () => admin.GetAsync($"/api/searches/{searchId}/trials?status=done"));
        await check.CheckAsync("ListTrials", NotFound, () => admin.GetAsync($"/api/searches/{Missing}/trials"));
        var bareTrial = trials.GetProperty("items")[0].GetProperty("id").GetInt64();
        await check.CheckAsync("GetTrial", OK, () => admin.GetAsync($"/api/trials/{bareTrial}"));
        await check.CheckAsync("GetTrial", NotFound, () => admin.GetAsync($"/api/trials/{Missing}"));

        await check.CheckAsync("GetModel", OK, () => admin.GetAsync($"/api/trials/{modelTrial}/model?format=config"));
        await check.CheckAsync("GetModel", OK, () => admin.GetAsync($"/api/trials/{modelTrial}/model?format=onnx"));
        await check.CheckAsync("GetModel", BadRequest, () => admin.GetAsync($"/api/trials/{modelTrial}/model?format=keras"));
        await check.CheckAsync("GetModel", Conflict, () => admin.GetAsync($"/api/trials/{bareTrial}/model"));
        await check.CheckAsync("GetModel", NotFound, () => admin.GetAsync($"/api/trials/{Missing}/model"));
        var images = new { images = new[] { TestImages.Image(0) } };
        await check.CheckAsync("Predict", OK, () => admin.PostAsJsonAsync($"/api/trials/{modelTrial}/predict", images));
        await check.CheckAsync("Predict", BadRequest, () => admin.PostAsJsonAsync($"/api/trials/{modelTrial}/predict", new { images = Array.Empty<float[]>() }));
        await check.CheckAsync("Predict", Conflict, () => admin.PostAsJsonAsync($"/api/trials/{bareTrial}/predict", images));
        await check.CheckAsync("Predict", NotFound, () => admin.PostAsJsonAsync($"/api/trials/{Missing}/predict", images));
        await check.CheckAsync("Pin", NoContent, () => admin.PostAsync($"/api/trials/{modelTrial}/pin", null));
        await check.CheckAsync("Pin", Conflict, () => admin.PostAsync($"/api/trials/{bareTrial}/pin", null));
        await check.CheckAsync("Pin", NotFound, () => admin.PostAsync($"/api/trials/{Missing}/pin", null));
        await check.CheckAsync("Pin", Forbidden, () => reader.PostAsync($"/api/trials/{modelTrial}/pin", null));
        await check.CheckAsync("Unpin", NoContent, () => admin.DeleteAsync($"/api/trials/{modelTrial}/pin"));
        await check.CheckAsync("Unpin", NotFound, () => admin.DeleteAsync($"/api/trials/{Missing}/pin"));

        await check.CheckAsync("ExportSearch", OK, () => admin.GetAsync($"/api/searches/{searchId}/export?format=csv"));
        await check.CheckAsync("ExportSearch", OK, () => admin.GetAsync($"/api/searches/{searchId}/export?format=json"));
        await check.CheckAsync("ExportSearch", BadRequest, () => admin.GetAsync($"/api/searches/{searchId}/export?format=xml"));
        await check.CheckAsync("ExportSearch", NotFound, () => admin.GetAsync($"/api/searches/{Missing}/export"));
        await check.CheckAsync("GetLeaderboard", OK, () => admin.GetAsync("/api/leaderboard?dataset=mnist"));
        await check.CheckAsync("GetLeaderboard", BadRequest, () => admin.GetAsync("/api/leaderboard?metric=colour"));
        await check.CheckAsync("GetSearchLeaderboard", OK, () => admin.GetAsync($"/api/searches/{searchId}/leaderboard"));
        await check.CheckAsync("GetSearchLeaderboard", BadRequest, () => admin.GetAsync($"/api/searches/{searchId}/leaderboard?top=0"));
        await check.CheckAsync("GetSearchLeaderboard", NotFound, () => admin.GetAsync($"/api/searches/{Missing}/leaderboard"));
        await check.CheckAsync("GetAnalysis", OK, () => admin.GetAsync($"/api/searches/{searchId}/analysis"));
        await check.CheckAsync("GetAnalysis", BadRequest, () => admin.GetAsync($"/api/searches/{searchId}/analysis?metric=colour"));
        await check.CheckAsync("GetAnalysis", NotFound, () => admin.GetAsync($"/api/searches/{Missing}/analysis"));
        await check.CheckAsync("GetHistory", OK, () => admin.GetAsync($"/api/searches/{searchId}/history"));
        await check.CheckAsync("GetHistory", BadRequest, () => admin.GetAsync($"/api/searches/{searchId}/history?metric=colour"));
        await check.CheckAsync("GetHistory", NotFound, () => admin.GetAsync($"/api/searches/{Missing}/history"));

        await check.CheckAsync("EvaluateSearch", Accepted, () => admin.PostAsJsonAsync($"/api/searches/{searchId}/evaluate", new { top = 1, folds = 2 }));
        await check.CheckAsync("EvaluateSearch", BadRequest, () => admin.PostAsJsonAsync($"/api/searches/{searchId}/evaluate", new { top = 0 }));
        await check.CheckAsync("EvaluateSearch", Conflict, () => admin.PostAsJsonAsync($"/api/searches/{queuedSearch}/evaluate", new { top = 1, folds = 2 }));
        await check.CheckAsync("EvaluateSearch", NotFound, () => admin.PostAsJsonAsync($"/api/searches/{Missing}/evaluate", new { top = 1, folds = 2 }));
        await check.CheckAsync("ListEvaluations", OK, () => admin.GetAsync($"/api/searches/{searchId}/evaluations"));
        await check.CheckAsync("ListEvaluations", NotFound, () => admin.GetAsync($"/api/searches/{Missing}/evaluations"));

        await check.CheckAsync("StreamSearches", OK, () => admin.GetAsync("/api/searches/events", HttpCompletionOption.ResponseHeadersRead));
        await check.CheckAsync("StreamSearches", BadRequest, () => admin.GetAsync("/api/searches/events?page=0"));
        await check.CheckAsync("StreamSearch", OK, () => admin.GetAsync($"/api/searches/{searchId}/events", HttpCompletionOption.ResponseHeadersRead));
        await check.CheckAsync("StreamSearch", NotFound, () => admin.GetAsync($"/api/searches/{Missing}/events"));

        await check.CheckAsync("CancelSearch", Forbidden, () => reader.PostAsync($"/api/searches/{queuedSearch}/cancel", null));
        await check.CheckAsync("CancelSearch", Forbidden, () => burst.PostAsync($"/api/searches/{queuedSearch}/cancel", null));
        await check.CheckAsync("CancelSearch", OK, () => admin.PostAsync($"/api/searches/{queuedSearch}/cancel", null));
        await check.CheckAsync("CancelSearch", NotFound, () => admin.PostAsync($"/api/searches/{Missing}/cancel", null));

        await check.CheckAsync("GetTestImage", OK, () => admin.GetAsync("/api/datasets/mnist/test-images/7"));
        await check.CheckAsync("GetTestImage", BadRequest, () => admin.GetAsync("/api/datasets/cifar/test-images/7"));
        await check.CheckAsync("GetTestImage", NotFound, () => admin.GetAsync("/api/datasets/mnist/test-images/10000"));

        await new WorkerRegistry(api.Database.DataSource).HeartbeatAsync(new WorkerRegistration(Guid.NewGuid(), "host-1", 42, 2, TrainingDevice.Cpu, "1.0", TimeSpan.FromSeconds(30)), default);
        await check.CheckAsync("ListWorkers", OK, () => admin.GetAsync("/api/workers"));

        var key = await check.CheckAsync("CreateKey", Created, () => admin.PostAsJsonAsync("/api/keys", new { name = "ci", scope = "read" }));
        await check.CheckAsync("CreateKey", BadRequest, () => admin.PostAsJsonAsync("/api/keys", new { name = "ci", scope = "owner" }));
        await check.CheckAsync("CreateKey", Forbidden, () => reader.PostAsJsonAsync("/api/keys", new { name = "ci", scope = "read" }));
        await check.CheckAsync("RevokeKey", OK, () => admin.DeleteAsync($"/api/keys/{key.GetProperty("id").GetInt64()}"));
        await check.CheckAsync("RevokeKey", NotFound, () => admin.DeleteAsync($"/api/keys/{Missing}"));
        await check.CheckAsync("ListKeys", OK, () => admin.GetAsync("/api/keys"));

        Assert.True(check.Problems.Count == 0, string.Join(Environment.NewLine, check.Problems));
        var succeeded = check.Seen.Where(s => s.Status < 300).Select(s => s.Operation).ToHashSet();
        var unanswered = contract.Operations.Select(o => o.Id).Except(succeeded).ToList();
        Assert.Empty(unanswered);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string path, object body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }
}
