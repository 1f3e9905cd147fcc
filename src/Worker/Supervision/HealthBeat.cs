using GridSearch.Worker.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GridSearch.Worker.Supervision;

/// <summary>
/// The supervisor's sign of life for a container's healthcheck: while its host runs, it touches
/// <see cref="WorkerOptions.HealthFile"/> every <see cref="Interval"/>, and `GridSearch.Worker --health`
/// (a process of its own, run by the engine) checks the file is fresh. It says the worker process is up
/// and its loops turn, not that PostgreSQL answers: workers ride out an outage, and a restart would only
/// hand their trials back.
/// </summary>
public sealed class HealthBeat(IOptions<WorkerOptions> options) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Three beats missed.</summary>
    public static readonly TimeSpan FreshFor = 3 * Interval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.HealthFile is not { Length: > 0 } file)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            Touch(file);
            await Task.Delay(Interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        File.Delete(file);
    }

    /// <summary>Marks the worker alive now: also while it waits for its database, before the host runs.</summary>
    public static void Touch(string? file)
    {
        if (file is { Length: > 0 })
        {
            File.WriteAllText(file, DateTime.UtcNow.ToString("O"));
        }
    }

    /// <returns>0 when the file was touched within <see cref="FreshFor"/>, else 1, with a line saying which.</returns>
    public static int Check(string? file, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (file is not { Length: > 0 })
        {
            output.WriteLine($"unhealthy: no {WorkerOptions.Section}__{nameof(WorkerOptions.HealthFile)} is set, so the worker keeps no sign of life");
            return 1;
        }

        if (!File.Exists(file))
        {
            output.WriteLine($"unhealthy: {file} does not exist (the worker is not running, or still checking what it needs)");
            return 1;
        }

        var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(file);
        if (age > FreshFor)
        {
            output.WriteLine($"unhealthy: {file} was last touched {age.TotalSeconds:0} s ago");
            return 1;
        }

        output.WriteLine($"healthy: touched {age.TotalSeconds:0} s ago");
        return 0;
    }
}
