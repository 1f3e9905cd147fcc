using Microsoft.Extensions.Logging;
using Serilog;

namespace GridSearch.Worker.Hosting;

public static class WorkerLogging
{
    /// <summary>Serilog to the console; a slot's lines carry its slot number.</summary>
    public static ILoggerFactory Create(int? slot)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.WithProperty("Slot", slot is null ? "supervisor" : $"slot {slot}")
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] worker {Slot}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        return LoggerFactory.Create(builder => builder.AddSerilog(logger, dispose: true));
    }
}
