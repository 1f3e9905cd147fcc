using System.Net;
using GridSearch.Core.Access;
using GridSearch.Core.Workers;
using GridSearch.Domain.Vocabulary;
using GridSearch.Testing;
using GridSearch.Testing.Api;

namespace GridSearch.Api.Tests.Metrics;

[Collection(nameof(MetricsCollection))]
public sealed class MetricsTests
{
    private static readonly object Definition = new
    {
        name = "metrics", dataset = "mnist", model = "mlp",
        grid = new { width = new[] { 16, 32, 64 } },
        @fixed = new { epochs = 1 },
    };

    private static readonly Dictionary<string, string?> FastRefresh = new() { ["GridSearch:Metrics:RefreshSeconds"] = "0.2" };

    [Fact]
    public async Task Metrics_ExposeTrialsQueueDepthCompletionsAndEpochDurations_ForPrometheus()
    {
        await using var api = await ApiHost.StartAsync(FastRefresh);
        await api.SubmitAsync(Definition);
        await api.FinishNextAsync(0.9);

        var text = await EventuallyAsync(api, t => t.Contains("gridsearch_epoch_duration_seconds_count 1", StringComparison.Ordinal));

        Assert.Contains("gridsearch_trials{status=\"succeeded\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("gridsearch_trials{status=\"queued\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("gridsearch_queue_depth{state=\"available\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("gridsearch_trial_claims_total 1", text, StringComparison.Ordinal);
        Assert.Contains("gridsearch_trial_completions_total 1", text, StringComparison.Ordinal);
        Assert.Contains("gridsearch_trial_failures_total 0", text, StringComparison.Ordinal);
        Assert.Contains("gridsearch_trial_rescues_total 0", text, StringComparison.Ordinal);
        Assert.Contains("gridsearch_epoch_duration_seconds_sum 1.5", text, StringComparison.Ordinal);
        Assert.Contains("gridsearch_epoch_duration_seconds_bucket{le=\"2\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_CountRegisteredWorkersAliveAndLost()
    {
        await using var api = await ApiHost.StartAsync(FastRefresh);
        var registry = new WorkerRegistry(api.Database.DataSource);
        await registry.HeartbeatAsync(new WorkerRegistration(Guid.NewGuid(), "alive-host", 1, 2, TrainingDevice.Cpu, "1.0", TimeSpan.FromMinutes(1)), CancellationToken.None);
        var gone = new WorkerRegistration(Guid.NewGuid(), "lost-host", 2, 1, TrainingDevice.Cpu, "1.0", TimeSpan.FromSeconds(30));
        await registry.HeartbeatAsync(gone, CancellationToken.None);
        // Last seen an hour ago: far more than two of its 30 s leases.
        await api.Database.ExecuteAsync($"UPDATE workers SET last_seen_at = now() - interval '1 hour' WHERE id = '{gone.Id}'");

        var text = await EventuallyAsync(api, t => t.Contains("gridsearch_workers{state=\"lost\"} 1", StringComparison.Ordinal));

        Assert.Contains("gridsearch_workers{state=\"alive\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnceKeysAreRequired_NeedAReadKey()
    {
        await using var api = await ApiHost.StartAsync(FastRefresh);
        var (_, secret) = await api.CreateKeyAsync("prometheus", ApiKeyScope.Read);
        using var prometheus = api.ClientWithKey(secret);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await prometheus.GetAsync("/metrics")).StatusCode);
    }

    private static async Task<string> EventuallyAsync(ApiHost api, Func<string, bool> condition)
    {
        var text = "";
        await Eventually.HoldsAsync(
            async () =>
            {
                // The exporter labels every series with its meter; the assertions read better without it.
                text = (await api.Client.GetStringAsync("/metrics"))
                    .Replace("{otel_scope_name=\"GridSearch\"}", "", StringComparison.Ordinal)
                    .Replace("otel_scope_name=\"GridSearch\",", "", StringComparison.Ordinal);
                return condition(text);
            },
            TimeSpan.FromSeconds(45),
            () => "The metrics never showed it:\n" + text);
        return text;
    }
}
