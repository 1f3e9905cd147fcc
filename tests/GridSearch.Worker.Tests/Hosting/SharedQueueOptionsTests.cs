using GridSearch.Core.Queue;
using GridSearch.Testing.Api;
using GridSearch.Testing.Database;
using GridSearch.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GridSearch.Worker.Tests.Hosting;

/// <summary>The API queues trials and listens for their changes; the workers claim them, send the changes and
/// apply the retention: both must read one Queue section, the same way.</summary>
public sealed class SharedQueueOptionsTests
{
    private static readonly Dictionary<string, string?> Changed = new()
    {
        ["Queue:ChangesChannel"] = "other_changes",
        ["Queue:Channel"] = "other_queued",
        ["Queue:MaxAttempts"] = "5",
        ["Queue:KeepModelsPerSearch"] = "2",
    };

    [Fact]
    public async Task ChangedQueueOptions_ReachTheApiAndTheWorkerAlike()
    {
        await using var api = await ApiHost.StartAsync(Changed);
        using var worker = WorkerHost(Changed);

        var apiQueue = api.Services.GetRequiredService<QueueOptions>();
        var workerQueue = worker.Services.GetRequiredService<QueueOptions>();

        foreach (var queue in new[] { apiQueue, workerQueue })
        {
            Assert.Equal(("other_changes", "other_queued", 5, 2), (queue.ChangesChannel, queue.Channel, queue.MaxAttempts, queue.KeepModelsPerSearch));
        }

        Assert.Same(apiQueue, api.Services.GetRequiredService<IOptions<QueueOptions>>().Value);
        Assert.Same(workerQueue, worker.Services.GetRequiredService<IOptions<QueueOptions>>().Value);
        // What the API writes with the setting: each trial's attempts.
        await api.SubmitAsync(new { dataset = "mnist", model = "mlp", name = "attempts", grid = new { width = new[] { 8, 16 } } });
        Assert.Equal(5, await api.Database.ScalarAsync("SELECT min(max_attempts) FROM trials"));
        Assert.Equal(5, await api.Database.ScalarAsync("SELECT max(max_attempts) FROM trials"));
    }

    [Fact]
    public async Task ABadQueueOption_StopsTheApiAndTheWorkerAtStart()
    {
        var bad = new Dictionary<string, string?> { ["Queue:ChangesChannel"] = "Not A Channel" };
        await using (var database = await TestDatabase.CreateAsync())
        {
            var refused = Assert.ThrowsAny<Exception>(() => ApiHost.StartOn(database, bad));
            Assert.Contains("ChangesChannel", refused.ToString(), StringComparison.Ordinal);
        }

        using var worker = WorkerHost(bad);
        var stopped = await Assert.ThrowsAsync<OptionsValidationException>(() => worker.StartAsync());
        Assert.Contains("ChangesChannel", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkerFlags_OverrideTheQueueSection()
    {
        using var worker = WorkerHost(new Dictionary<string, string?>
        {
            ["Queue:LeaseDuration"] = "00:01:00",
            ["Worker:LeaseSeconds"] = "12",
        });

        Assert.Equal(TimeSpan.FromSeconds(12), worker.Services.GetRequiredService<QueueOptions>().LeaseDuration);
    }

    [Fact]
    public void WorkerUsage_ShowsTheOptionsOwnDefaults()
    {
        var queue = new QueueOptions();
        var worker = new WorkerOptions();

        Assert.Contains($"heartbeat (default {queue.LeaseDuration.TotalSeconds})", WorkerCommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains($"per attempt (default {queue.RetryBackoff.TotalSeconds})", WorkerCommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains($"arrives (default {worker.PollSeconds})", WorkerCommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains($"resume points (default {worker.CheckpointSeconds};", WorkerCommandLine.Usage, StringComparison.Ordinal);
    }

    /// <summary>The worker's host as its Program builds it, over these settings, without its hosted services.</summary>
    private static IHost WorkerHost(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWorkerOptions();
        return builder.Build();
    }
}
