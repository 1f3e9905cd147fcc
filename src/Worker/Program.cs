using System.Runtime.InteropServices;
using GridSearch.Core.Persistence;
using GridSearch.Core.Queue;
using GridSearch.Worker.Execution;
using GridSearch.Worker.Hosting;
using GridSearch.Worker.Preflight;
using GridSearch.Worker.Supervision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

// One program, two roles: without --slot it is the supervisor, which checks what training needs and
// then runs one child process per slot; with --slot N it is that slot.
if (WorkerCommandLine.AsksForHelp(args))
{
    Console.WriteLine(WorkerCommandLine.Usage);
    return 0;
}

if (WorkerCommandLine.AsksForHealth(args))
{
    var settings = Host.CreateApplicationBuilder([]).Configuration.GetSection(WorkerOptions.Section);
    return HealthBeat.Check(settings[nameof(WorkerOptions.HealthFile)], Console.Out);
}

if (WorkerCommandLine.FindProblem(args) is { } usage)
{
    Console.Error.WriteLine($"error: {usage}\n\n{WorkerCommandLine.Usage}");
    return 2;
}

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(WorkerCommandLine.SwitchMappings));
var slot = builder.Configuration.GetSection(WorkerOptions.Section)[nameof(WorkerOptions.Slot)];
var connectionString = DatabaseSettings.ConnectionString(
    builder.Configuration[DatabaseSettings.EnvironmentVariable], builder.Configuration.GetConnectionString("GridSearch"));

builder.Services.AddWorkerOptions();
builder.Services.AddSerilog(logging => WorkerLogging.Configure(logging, builder.Configuration, slot));
if (slot is null)
{
    builder.Services.AddSupervisor(connectionString);
}
else
{
    builder.Services.AddSlot(connectionString);
}

using var host = builder.Build();
WorkerOptions options;
try
{
    options = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value;
    // Checked here too, so that a bad Queue setting is a usage error before the checks below.
    _ = host.Services.GetRequiredService<IOptions<QueueOptions>>().Value;
}
catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
{
    // Out of range (the validation), or not a number at all (the binder).
    Console.Error.WriteLine($"error: {e.Message}\n\n{WorkerCommandLine.Usage}");
    return 2;
}

if (options.Slot is null)
{
    var checks = new StartupChecks(connectionString, options.Device);
    string? problem;
    // The host does not run yet, so it does not stop the wait for the database: SIGTERM or Ctrl+C does, and the
    // worker exits 0 as a stopped worker does.
    using (var stop = new CancellationTokenSource())
    using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); }))
    using (PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); }))
    {
        try
        {
            problem = checks.FindLocalProblem()
                ?? await checks.WaitForDatabaseAsync(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GridSearch.Worker.Preflight"), options.HealthFile, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
    }

    if (problem is not null)
    {
        Console.Error.WriteLine($"error: {problem}");
        return 3;
    }
}
else
{
    ParentWatch.Start();
}

// SIGTERM and SIGINT stop the host: the supervisor passes SIGTERM on to its slots, and a slot hands
// its trial back to the queue; both then exit 0.
await host.RunAsync();
return 0;
