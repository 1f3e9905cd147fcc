using System.Reflection;
using GridSearch.Core.Workers;
using GridSearch.Domain.Vocabulary;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GridSearch.Worker.Supervision;

/// <summary>
/// Keeps this worker's row in the workers table fresh, for the Workers page: registers it, heartbeats a
/// few times per lease (the page calls a worker lost after two leases without one), and removes it when the
/// worker stops cleanly. Only for people to see: a failed heartbeat is logged and tried again next time.
/// </summary>
public sealed class WorkerPresence(WorkerRegistry registry, ILogger<WorkerPresence> logger)
{
    private static readonly TimeSpan RemoveWithin = TimeSpan.FromSeconds(2);

    public static WorkerRegistration Describe(int slots, TrainingDevice device, TimeSpan lease) => new(
        Guid.NewGuid(),
        Environment.MachineName,
        Environment.ProcessId,
        slots,
        device,
        Version(),
        lease);

    /// <summary>The build's version with its commit shortened: "1.0.0+2301f77".</summary>
    private static string Version()
    {
        var version = typeof(WorkerPresence).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;
    }

    public async Task KeepAsync(WorkerRegistration worker, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var interval = worker.Lease / 3;
        var failing = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await registry.HeartbeatAsync(worker, stopping);
                failing = false;
            }
            catch (NpgsqlException e) when (!stopping.IsCancellationRequested)
            {
                // An outage, or a database the worker may not write this table in: it trains on regardless.
                if (!failing)
                {
                    logger.LogWarning("Worker heartbeat failed ({Error}); trying again every {Seconds} s", e.GetBaseException().Message, interval.TotalSeconds);
                }

                failing = true;
            }

            await Task.Delay(interval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        try
        {
            using var timeout = new CancellationTokenSource(RemoveWithin);
            await registry.RemoveAsync(worker.Id, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
        {
            logger.LogWarning("Could not remove this worker from the workers table ({Error}); it will show as lost", e.GetBaseException().Message);
        }
    }
}
