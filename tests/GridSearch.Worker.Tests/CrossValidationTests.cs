using System.Net;
using System.Net.Http.Json;
using GridSearch.Testing.Api;
using GridSearch.Testing.Processes;
using static GridSearch.Worker.Tests.Support.SearchWatch;

namespace GridSearch.Worker.Tests;

/// <summary>An evaluation's fold trials trained by a real worker, as any other trial of the search.</summary>
public sealed class CrossValidationTests
{
    [Fact]
    public async Task RealWorker_UnderAPruner_TrainsTheFoldTrialsToTheirEndAndKeepsNoModelOfThem()
    {
        await using var api = await ApiHost.StartAsync();
        var id = await api.SubmitAsync(new
        {
            name = "cv-worker",
            dataset = "mnist",
            model = "mlp",
            seed = 7,
            pruner = new { kind = "median", minEpochs = 1 },
            grid = new { width = new[] { 16, 24 } },
            @fixed = new { depth = 1, epochs = 2, trainSize = 300, batchSize = 64 },
        });
        await using var worker = WorkerProcess.Start(api.Database.ConnectionString);
        await WaitForStatusAsync(api, id, "completed", worker);

        using (var evaluate = await api.Client.PostAsJsonAsync($"/api/searches/{id}/evaluate", new { top = 1, folds = 3 }))
        {
            Assert.Equal(HttpStatusCode.Accepted, evaluate.StatusCode);
        }

        await WaitForStatusAsync(api, id, "completed", worker);

        var evaluation = Assert.Single((await GetAsync(api, $"/api/searches/{id}/evaluations")).EnumerateArray());
        Assert.Equal(3, evaluation.GetProperty("foldsDone").GetInt32());
        foreach (var fold in evaluation.GetProperty("foldTrials").EnumerateArray())
        {
            var trial = await GetAsync(api, $"/api/trials/{fold.GetProperty("trialId").GetInt64()}");
            Assert.Equal("succeeded", trial.GetProperty("status").GetString());
            Assert.Equal("completed", trial.GetProperty("result").GetProperty("stopReason").GetString());
            Assert.Equal(2, trial.GetProperty("epochs").GetArrayLength());
            Assert.False(trial.GetProperty("modelKept").GetBoolean());
        }

        Assert.True((await GetAsync(api, $"/api/trials/{evaluation.GetProperty("sourceTrialId").GetInt64()}")).GetProperty("modelKept").GetBoolean());
    }
}
