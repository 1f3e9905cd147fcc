using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Metrics;
using GridSearch.Core.Queue;
using GridSearch.Core.Search;
using GridSearch.Domain.Machines;
using GridSearch.Domain.Trials;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Searches;

/// <summary>The result cache: a trial whose dataset, resolved config (seed included) and engine version
/// already succeeded in any search is recorded at submission with that result, never queued nor claimed.</summary>
public sealed class ResultCacheTests
{
    private static object Definition(string name, int seed = 7, bool? reuse = null, int[]? widths = null) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed,
        reuse,
        grid = new { width = widths ?? [16, 32, 64] },
        @fixed = new { depth = 1, epochs = 1, trainSize = 300 },
    };

    private static async Task<JsonElement> PostAsync(ApiHost api, object definition)
    {
        using var response = await api.Client.PostAsJsonAsync("/api/searches", definition);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<JsonElement>> TrialsAsync(ApiHost api, long searchId)
    {
        var page = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{searchId}/trials?sort=ordinal");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Runs every queued trial the way a worker would, each with a result of its own.</summary>
    private static async Task FinishAllAsync(ApiHost api, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await api.FinishNextAsync(accuracy: 0.80 + (i / 100.0), loss: 0.5 - (i / 100.0));
        }
    }

    private static async Task<long> ClaimsAsync(ApiHost api) =>
        (await new QueueStatisticsQuery(api.Database.DataSource).ReadAsync(CancellationToken.None)).Statistics.Claims;

    [Fact]
    public async Task RepeatedSearch_IsAnsweredByTheCacheWithoutAnyClaim_CompletedAtOnceWithTheSourcesMetricsAndEpochs()
    {
        await using var api = await ApiHost.StartAsync();
        var first = (await PostAsync(api, Definition("first"))).GetProperty("id").GetInt64();
        await FinishAllAsync(api, 3);
        var claimsBefore = await ClaimsAsync(api);

        var created = await PostAsync(api, Definition("again"));

        Assert.Equal(3, created.GetProperty("cached").GetInt32());
        Assert.Equal("completed", created.GetProperty("status").GetString());
        var again = created.GetProperty("id").GetInt64();
        Assert.Null(await api.Queue.ClaimAsync("another-worker", CancellationToken.None));
        Assert.Equal(claimsBefore, await ClaimsAsync(api));
        Assert.Equal(0, await api.Database.ScalarAsync($"SELECT coalesce(sum(attempts), 0) FROM trials WHERE search_id = {again}"));
        Assert.Equal(0, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {again} AND worker IS NOT NULL"));

        var sources = await TrialsAsync(api, first);
        var copies = await TrialsAsync(api, again);
        Assert.Equal(3, copies.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("succeeded", copies[i].GetProperty("status").GetString());
            Assert.Equal(sources[i].GetProperty("id").GetInt64(), copies[i].GetProperty("cachedFrom").GetInt64());
            Assert.Equal(JsonValueKind.Null, sources[i].GetProperty("cachedFrom").ValueKind);
            Assert.Equal(sources[i].GetProperty("result").GetRawText(), copies[i].GetProperty("result").GetRawText());
            Assert.Equal(sources[i].GetProperty("gridPoint").GetRawText(), copies[i].GetProperty("gridPoint").GetRawText());
            var source = await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{sources[i].GetProperty("id").GetInt64()}");
            var copy = await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{copies[i].GetProperty("id").GetInt64()}");
            Assert.Equal(source.GetProperty("epochs").GetRawText(), copy.GetProperty("epochs").GetRawText());
            Assert.Equal(1, copy.GetProperty("epochs").GetArrayLength());
        }

        var search = await api.Client.GetFromJsonAsync<JsonElement>($"/api/searches/{again}");
        Assert.Equal("completed", search.GetProperty("status").GetString());
        Assert.Equal(3, search.GetProperty("counts").GetProperty("succeeded").GetInt32());
        Assert.Equal(
            sources.Max(t => t.GetProperty("result").GetProperty("testAccuracy").GetDouble()),
            search.GetProperty("best").GetProperty("testAccuracy").GetDouble());
    }

    [Fact]
    public async Task ReuseFalse_QueuesEveryTrialToBeTrainedAgain()
    {
        await using var api = await ApiHost.StartAsync();
        await PostAsync(api, Definition("first"));
        await FinishAllAsync(api, 3);

        var created = await PostAsync(api, Definition("fresh", reuse: false));

        Assert.Equal(0, created.GetProperty("cached").GetInt32());
        Assert.Equal("queued", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(3, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'queued' AND cached_from IS NULL"));
    }

    [Fact]
    public async Task OnlyTrialsWithTheSameConfigSeedAndEngineAndAReusableEnding_AreAnswered()
    {
        await using var api = await ApiHost.StartAsync();
        await PostAsync(api, Definition("first"));
        await FinishAllAsync(api, 3);
        // The width-64 result came from another engine version; the width-32 one was stopped by a cancel.
        await api.Database.ExecuteAsync("UPDATE trials SET engine_version = 'older' WHERE grid_point->>'width' = '64'");
        await api.Database.ExecuteAsync("UPDATE trials SET stop_reason = 'cancelled' WHERE grid_point->>'width' = '32'");

        var partly = await PostAsync(api, Definition("partly", widths: [16, 32, 64, 128]));
        var otherSeed = await PostAsync(api, Definition("other-seed", seed: 8));

        Assert.Equal(1, partly.GetProperty("cached").GetInt32());
        Assert.Equal("running", partly.GetProperty("status").GetString());
        var trials = await TrialsAsync(api, partly.GetProperty("id").GetInt64());
        Assert.Equal(["succeeded", "queued", "queued", "queued"], trials.Select(t => t.GetProperty("status").GetString()));
        Assert.Equal(0, otherSeed.GetProperty("cached").GetInt32());
    }

    /// <summary>Six widths, the first three of which the cache answers once "first" ran, under the given limits.</summary>
    private static object LimitedDefinition(string name, object limits) => new
    {
        name,
        dataset = "mnist",
        model = "mlp",
        seed = 7,
        limits,
        grid = new { width = new[] { 16, 32, 64, 128, 256, 512 } },
        @fixed = new { depth = 1, epochs = 1, trainSize = 300 },
    };

    /// <summary>Claims the next trial and applies its search's limits to it, as a worker's slot does before it trains.</summary>
    private static async Task<(TrialLease Lease, ClaimCheck Check)> ClaimAndCheckAsync(ApiHost api)
    {
        var lease = await api.Queue.ClaimAsync("test-worker", CancellationToken.None) ?? throw new InvalidOperationException("Nothing to claim.");
        return (lease, await api.Queue.CheckLimitsAtClaimAsync(lease, lease.Rules.Limits, CancellationToken.None));
    }

    [Fact]
    public async Task MaxTrials_DoesNotCountTrialsTheCacheAnswered_TheSearchStillTrainsThatMany()
    {
        await using var api = await ApiHost.StartAsync();
        await PostAsync(api, Definition("first"));
        await FinishAllAsync(api, 3);
        var created = await PostAsync(api, LimitedDefinition("limited", new { maxTrials = 2 }));
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(3, created.GetProperty("cached").GetInt32());

        var (first, firstCheck) = await ClaimAndCheckAsync(api);
        var (second, secondCheck) = await ClaimAndCheckAsync(api);

        Assert.False(firstCheck.Cancelled);
        Assert.False(secondCheck.Cancelled);
        Assert.True(await api.Queue.CompleteAsync(first, new TrialResult(0.9, 0.1, 0.9, 0.1, 1, StopReason.Completed, 1, [[1]]), model: null, CancellationToken.None));
        Assert.True(await api.Queue.CompleteAsync(second, new TrialResult(0.9, 0.1, 0.9, 0.1, 1, StopReason.Completed, 1, [[1]]), model: null, CancellationToken.None));
        Assert.Null(await api.Queue.ClaimAsync("test-worker", CancellationToken.None));
        Assert.Equal(2, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'succeeded' AND cached_from IS NULL"));
        Assert.Equal(1, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND status = 'cancelled' AND stop_reason = 'limit'"));
        Assert.Equal(SearchStopReason.MaxTrials, await ScalarAsync(api, $"SELECT stop_reason FROM searches WHERE id = {id}"));
    }

    [Fact]
    public async Task TimeLimit_RunsFromTheFirstClaim_NotFromTheSubmissionTheCacheAnsweredAt()
    {
        await using var api = await ApiHost.StartAsync();
        await PostAsync(api, Definition("first"));
        await FinishAllAsync(api, 3);
        var id = (await PostAsync(api, LimitedDefinition("timed", new { timeLimitMinutes = 1 }))).GetProperty("id").GetInt64();
        // The search waited in the queue longer than its time limit before a worker took its first trial.
        await api.Database.ExecuteAsync($"UPDATE searches SET created_at = created_at - interval '2 minutes' WHERE id = {id}");
        await api.Database.ExecuteAsync(
            $"UPDATE trials SET available_at = available_at - interval '2 minutes', started_at = started_at - interval '2 minutes', finished_at = finished_at - interval '2 minutes' WHERE search_id = {id}");

        var (lease, check) = await ClaimAndCheckAsync(api);

        Assert.False(check.Cancelled);
        var claimedAt = (DateTime)(await ScalarAsync(api, $"SELECT started_at FROM trials WHERE id = {lease.TrialId}"))!;
        Assert.Equal(new DateTimeOffset(claimedAt, TimeSpan.Zero) + TimeSpan.FromMinutes(1), check.Deadline);
        Assert.Equal(0, await api.Database.ScalarAsync($"SELECT count(*) FROM trials WHERE search_id = {id} AND cached_from IS NOT NULL AND started_at IS NOT NULL"));
        await lease.DisposeAsync();
    }

    private static async Task<object?> ScalarAsync(ApiHost api, string sql)
    {
        await using var command = api.Database.DataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task ReuseThatIsNotABoolean_Is400NamingTheField_AndNothingIsWritten()
    {
        await using var api = await ApiHost.StartAsync();

        using var response = await api.Client.PostAsJsonAsync("/api/searches", new { dataset = "mnist", model = "mlp", reuse = "yes" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("reuse", out _));
        Assert.Equal(0, await api.Database.ScalarAsync("SELECT count(*) FROM searches"));
    }

    [Fact]
    public async Task CachedTrial_OfATrialTrainedOnAMachine_CarriesTheSourcesMachine()
    {
        await using var api = await ApiHost.StartAsync();
        var machine = new TrialMachine
        {
            CpuModel = "Test CPU 9000",
            CpuFeatures = ["avx2", "fma"],
            CpuCapability = "AVX2",
            TorchVersion = "1.13.0",
            Blas = "generic",
            Lapack = "generic",
            BlasLibrary = null,
            Device = "cpu",
            Threads = 2,
        };
        var first = (await PostAsync(api, Definition("trained", widths: [16]))).GetProperty("id").GetInt64();
        await using (var lease = await api.Queue.ClaimAsync("machine-worker", machine, CancellationToken.None))
        {
            Assert.NotNull(lease);
            Assert.True(await api.Queue.CompleteAsync(lease, new TrialResult(0.9, 0.3, 0.89, 0.31, 1, StopReason.Completed, 1234, [[1]]), model: null, CancellationToken.None));
        }

        var again = (await PostAsync(api, Definition("cached", widths: [16]))).GetProperty("id").GetInt64();

        var source = (await TrialsAsync(api, first)).Single();
        var copy = (await TrialsAsync(api, again)).Single();
        Assert.Equal(source.GetProperty("id").GetInt64(), copy.GetProperty("cachedFrom").GetInt64());
        var shown = (await api.Client.GetFromJsonAsync<JsonElement>($"/api/trials/{copy.GetProperty("id").GetInt64()}")).GetProperty("machine");
        Assert.Equal("Test CPU 9000", shown.GetProperty("cpuModel").GetString());
        Assert.Equal(["avx2", "fma"], shown.GetProperty("cpuFeatures").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("1.13.0", shown.GetProperty("torchVersion").GetString());
        Assert.Equal(2, shown.GetProperty("threads").GetInt32());
        Assert.Equal(source.GetProperty("machine").GetRawText(), shown.GetRawText());
    }
}
