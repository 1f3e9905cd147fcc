using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Domain.Analysis;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;
using GridSearch.Training;

namespace GridSearch.Api.Tests.Searches;

/// <summary>k-fold cross-validation of a search's best configurations: POST /api/searches/{id}/evaluate
/// queues one ordinary trial per fold, which workers claim and train as any other.</summary>
public sealed class EvaluateTests
{
    private static readonly TrialTrainer Trainer = TrialTrainer.FromEnvironment(new TrainerOptions { Threads = 1 });

    private static object Definition(string name, int seed = 7) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed,
        grid = new { width = new[] { 8, 16, 32 } },
        @fixed = new { depth = 1, epochs = 1, trainSize = 300, batchSize = 32, learningRate = 0.003 },
    };

    [Fact]
    public async Task A_3_fold_evaluation_of_the_top_2_trains_6_fold_trials_whose_means_match_their_folds()
    {
        await using var api = await ApiHost.StartAsync();
        var search = await api.SubmitAsync(Definition("cv"));
        Assert.Equal(3, await TrainAllAsync(api));
        Assert.Equal("completed", (await SearchAsync(api, search)).GetProperty("status").GetString());
        var best = await BoardAsync(api, search, "valAccuracy");

        using var response = await api.Client.PostAsJsonAsync($"/api/searches/{search}/evaluate", new { top = 2, folds = 3 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(6, queued.GetProperty("queued").GetInt32());
        var running = await SearchAsync(api, search);
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.Equal(9, running.GetProperty("trialCount").GetInt32());

        Assert.Equal(6, await TrainAllAsync(api));

        Assert.Equal("completed", (await SearchAsync(api, search)).GetProperty("status").GetString());
        var evaluations = (await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{search}/evaluations")).EnumerateArray().ToList();
        Assert.Equal(best.Take(2).Select(e => e.GetProperty("trialId").GetInt64()).Order(), evaluations.Select(e => e.GetProperty("sourceTrialId").GetInt64()).Order());
        foreach (var evaluation in evaluations)
        {
            var source = evaluation.GetProperty("sourceTrialId").GetInt64();
            var sourceTrial = await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{source}");
            Assert.Equal(3, evaluation.GetProperty("folds").GetInt32());
            Assert.Equal(3, evaluation.GetProperty("foldsDone").GetInt32());
            var accuracies = new List<double>();
            foreach (var fold in evaluation.GetProperty("foldTrials").EnumerateArray())
            {
                var trial = await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{fold.GetProperty("trialId").GetInt64()}");
                var config = trial.GetProperty("config");
                Assert.Equal(fold.GetProperty("fold").GetInt32(), config.GetProperty("fold").GetInt32());
                Assert.Equal(3, config.GetProperty("folds").GetInt32());
                Assert.Equal(sourceTrial.GetProperty("gridPoint").GetRawText(), trial.GetProperty("gridPoint").GetRawText());
                var accuracy = trial.GetProperty("result").GetProperty("valAccuracy").GetDouble();
                // Validated on its fold, a third of the 300 images kept: a whole number of hundredths.
                Assert.Equal(Math.Round(accuracy * 100), accuracy * 100, 6);
                accuracies.Add(accuracy);
            }

            Assert.Equal([0, 1, 2], evaluation.GetProperty("foldTrials").EnumerateArray().Select(f => f.GetProperty("fold").GetInt32()));
            Assert.Equal(accuracies, evaluation.GetProperty("foldAccuracies").EnumerateArray().Select(a => a.GetDouble()));
            Assert.Equal(Statistics.Mean(accuracies), evaluation.GetProperty("cvAccuracy").GetDouble(), 12);
            Assert.Equal(Statistics.StandardDeviation(accuracies), evaluation.GetProperty("cvStandardDeviation").GetDouble(), 12);
            Assert.Equal(sourceTrial.GetProperty("result").GetProperty("testAccuracy").GetDouble(), evaluation.GetProperty("testAccuracy").GetDouble());
        }

        // The grid's boards still rank the grid's three trials; the cross-validated one, the two configurations.
        Assert.Equal(best.Select(e => e.GetProperty("trialId").GetInt64()), (await BoardAsync(api, search, "valAccuracy")).Select(e => e.GetProperty("trialId").GetInt64()));
        var cv = await BoardAsync(api, search, "cvAccuracy");
        Assert.Equal(
            evaluations.OrderByDescending(e => e.GetProperty("cvAccuracy").GetDouble()).Select(e => e.GetProperty("sourceTrialId").GetInt64()),
            cv.Select(e => e.GetProperty("trialId").GetInt64()));
        Assert.All(cv, e => Assert.Equal(3, e.GetProperty("foldsDone").GetInt32()));
    }

    [Fact]
    public async Task Evaluating_again_queues_only_folds_not_queued_before_and_the_grid_boards_and_analysis_leave_folds_out()
    {
        await using var api = await ApiHost.StartAsync();
        var search = await api.SubmitAsync(Definition("again"));
        foreach (var accuracy in new[] { 0.5, 0.7, 0.6 })
        {
            await api.FinishNextAsync(accuracy);
        }

        Assert.Equal(2, (await EvaluateAsync(api, search, new { top = 1, folds = 2 })).GetProperty("queued").GetInt32());
        Assert.Equal(0, (await EvaluateAsync(api, search, new { top = 1, folds = 2 })).GetProperty("queued").GetInt32());
        Assert.Equal(2, (await EvaluateAsync(api, search, new { top = 2, folds = 2 })).GetProperty("queued").GetInt32());
        foreach (var accuracy in new[] { 0.9, 0.8, 0.95, 0.97 })
        {
            await api.FinishNextAsync(accuracy);
        }

        Assert.Equal(7, (await SearchAsync(api, search)).GetProperty("trialCount").GetInt32());
        Assert.Equal([0.7, 0.6, 0.5], (await BoardAsync(api, search, "testAccuracy")).Select(e => e.GetProperty("testAccuracy").GetDouble()));
        Assert.Equal([0.6, 0.7], (await BoardAsync(api, search, "cvAccuracy")).Select(e => e.GetProperty("testAccuracy").GetDouble()));
        Assert.Equal(0.7, (await SearchAsync(api, search)).GetProperty("best").GetProperty("testAccuracy").GetDouble());
        var analysis = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{search}/analysis");
        Assert.True(analysis.GetProperty("fullGrid").GetBoolean());
        using var cvAnalysis = await api.Client.GetAsync($"/api/searches/{search}/analysis?metric=cvAccuracy");
        Assert.Equal(HttpStatusCode.BadRequest, cvAnalysis.StatusCode);
        var export = (await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{search}/export?format=json")).EnumerateArray().ToList();
        Assert.Equal(7, export.Count);
        Assert.All(export, row => Assert.Equal(["foldOf", "fold", "folds"], row.EnumerateObject().TakeLast(3).Select(p => p.Name)));
        Assert.Equal([null, null, null, 0, 1, 0, 1], export.Select(row => row.GetProperty("fold").ValueKind == JsonValueKind.Null ? (int?)null : row.GetProperty("fold").GetInt32()));
    }

    [Fact]
    public async Task Bad_requests_are_4xx_problems_naming_what_is_wrong_and_write_nothing()
    {
        await using var api = await ApiHost.StartAsync();
        var finished = await api.SubmitAsync(Definition("finished"));
        for (var i = 0; i < 3; i++)
        {
            await api.FinishNextAsync(0.8 + i / 100.0);
        }

        // Other seeds: the result cache would answer the same configs with the finished search's results.
        var unfinished = await api.SubmitAsync(Definition("unfinished", seed: 8));
        var cancelled = await api.SubmitAsync(Definition("cancelled", seed: 9));
        (await api.Client.PostAsync($"/api/searches/{cancelled}/cancel", null)).Dispose();
        var before = await CountsAsync(api);

        await AssertProblemAsync(api, finished, new { top = 3, folds = 1 }, HttpStatusCode.BadRequest, "folds");
        await AssertProblemAsync(api, finished, new { top = 0, folds = 3 }, HttpStatusCode.BadRequest, "top");
        await AssertProblemAsync(api, finished, new { top = 3, folds = 21 }, HttpStatusCode.BadRequest, "folds");
        await AssertProblemAsync(api, finished, new { top = "three" }, HttpStatusCode.BadRequest, "top");
        await AssertProblemAsync(api, finished, new { top = 3, fold = 2 }, HttpStatusCode.BadRequest, "fold");
        await AssertProblemAsync(api, finished, new[] { 3, 5 }, HttpStatusCode.BadRequest, "body");
        await AssertProblemAsync(api, unfinished, new { top = 3, folds = 3 }, HttpStatusCode.Conflict, "no succeeded trial");
        await AssertProblemAsync(api, cancelled, new { top = 3, folds = 3 }, HttpStatusCode.Conflict, "cancelled");
        await AssertProblemAsync(api, 999_999, new { top = 3, folds = 3 }, HttpStatusCode.NotFound, "");
        using (var missing = await api.Client.GetAsync("/api/searches/999999/evaluations"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.Equal(before, await CountsAsync(api));
    }

    /// <summary>Claims and trains every queued trial as a worker would, in this process.</summary>
    private static async Task<int> TrainAllAsync(ApiHost api)
    {
        var trained = 0;
        while (await api.Queue.ClaimAsync("test-worker", default) is { } lease)
        {
            await using (lease)
            {
                var outcome = Trainer.Train(TrialConfigJson.Deserialize(lease.ConfigJson));
                foreach (var epoch in outcome.History)
                {
                    Assert.True(await api.Queue.RecordEpochAsync(lease, epoch, checkpoint: null, default));
                }

                Assert.True(await api.Queue.CompleteAsync(lease, outcome.Result, model: null, default));
                trained++;
            }
        }

        return trained;
    }

    private static async Task<JsonElement> EvaluateAsync(ApiHost api, long search, object body)
    {
        using var response = await api.Client.PostAsJsonAsync($"/api/searches/{search}/evaluate", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<JsonElement> SearchAsync(ApiHost api, long search) =>
        api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{search}");

    private static async Task<List<JsonElement>> BoardAsync(ApiHost api, long search, string metric) =>
        [.. (await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{search}/leaderboard?metric={metric}")).EnumerateArray()];

    private static async Task AssertProblemAsync(ApiHost api, long search, object body, HttpStatusCode status, string naming)
    {
        using var response = await api.Client.PostAsJsonAsync($"/api/searches/{search}/evaluate", body);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(naming, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> CountsAsync(ApiHost api)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM trials) || '/' || (SELECT sum(trial_count) FROM searches) || '/' || (SELECT count(*) FROM trials WHERE status = 'queued')");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
