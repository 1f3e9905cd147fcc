using GridSearch.Worker.Execution;
using GridSearch.Worker.Hosting;
using GridSearch.Worker.Supervision;
using Microsoft.Extensions.Logging;

var options = WorkerOptions.Parse(args, out var error);
if (error is not null || options.Help)
{
    (error is null ? Console.Out : Console.Error).WriteLine(error is null ? WorkerOptions.Usage : $"error: {error}\n\n{WorkerOptions.Usage}");
    return error is null ? 0 : 2;
}

if (options.Slot is { } slot)
{
    return await SlotHost.RunAsync(options, slot);
}

using var logging = WorkerLogging.Create(slot: null);
var device = DeviceChoice.Resolve(options.Device, out var deviceError);
if (deviceError is not null)
{
    Console.Error.WriteLine($"error: {deviceError}");
    return 2;
}

return await new Supervisor(options, device, logging.CreateLogger<Supervisor>()).RunAsync();
