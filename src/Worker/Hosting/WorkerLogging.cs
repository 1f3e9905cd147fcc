using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace GridSearch.Worker.Hosting;

public static class WorkerLogging
{
    /// <summary>Serilog to the console (stdout; stderr is kept for the one-line startup errors); a
    /// slot's lines carry its slot number. The "Serilog" section of the configuration may add to it.</summary>
    public static LoggerConfiguration Configure(LoggerConfiguration logging, IConfiguration configuration, string? slot)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return logging
            .MinimumLevel.Information()
            // The host's own lifecycle lines say nothing a worker's log needs.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            // The console sink named, not found by scanning: a scan loads every Serilog*.dll in the
            // folder, which breaks where the worker runs beside other programs' assemblies (a test's bin).
            .ReadFrom.Configuration(configuration, new ConfigurationReaderOptions(typeof(ConsoleLoggerConfigurationExtensions).Assembly))
            .Enrich.WithProperty("Slot", slot is null ? "supervisor" : $"slot {slot}")
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] worker {Slot}: {Message:lj}{NewLine}{Exception}");
    }
}
