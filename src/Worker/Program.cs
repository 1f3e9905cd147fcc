using Microsoft.Extensions.Hosting;

// The worker loop (claim, train, record) arrives with the worker issue; until then the host only starts.
var builder = Host.CreateApplicationBuilder(args);
using var host = builder.Build();
await host.RunAsync();
