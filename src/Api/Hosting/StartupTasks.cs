using System.Net;
using GridSearch.Core.Access;
using GridSearch.Core.Persistence;
using GridSearch.Migrations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GridSearch.Api.Hosting;

/// <summary>What runs before the API serves: migrations, the one-shot switches, the first admin key.</summary>
public static class StartupTasks
{
    /// <summary>Migrates, then handles --migrate-only and --create-admin-key [name] (true: exit now), stores
    /// GRIDSEARCH_ADMIN_KEY when no key exists, and warns once listening if the API is open beyond loopback.</summary>
    public static async Task<bool> PrepareAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Schema changes only come from the EF Core migrations, applied here at start.
            await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<GridSearchDbContext>());
            if (args.Contains("--migrate-only"))
            {
                return true;
            }

            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            var create = Array.IndexOf(args, "--create-admin-key");
            if (create >= 0)
            {
                var name = create + 1 < args.Length && !args[create + 1].StartsWith("--", StringComparison.Ordinal) ? args[create + 1] : ApiKeyService.BootstrapName;
                var (key, secret) = await keys.CreateAdminKeyAsync(name, CancellationToken.None);
                // The secret alone on stdout, so `make admin-key` output can be captured; the rest on stderr.
                await Console.Error.WriteLineAsync($"created admin key {key.Id} ({key.Name}); it is shown once, keep it:");
                await Console.Out.WriteLineAsync(secret);
                return true;
            }

            if (app.Configuration[AccessOptions.AdminKeyEnvironmentVariable] is { Length: > 0 } bootstrap
                && await keys.EnsureBootstrapKeyAsync(bootstrap, CancellationToken.None))
            {
                app.Logger.LogInformation("Stored {Variable} as the admin key named '{Name}'", AccessOptions.AdminKeyEnvironmentVariable, ApiKeyService.BootstrapName);
            }
        }

        app.Lifetime.ApplicationStarted.Register(() => _ = WarnWhenOpenAsync(app));
        return false;
    }

    private static async Task WarnWhenOpenAsync(WebApplication app)
    {
        try
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
            if (exposed.Count == 0)
            {
                return;
            }

            await using var scope = app.Services.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<AccessGate>().KeysRequiredAsync(CancellationToken.None))
            {
                app.Logger.LogWarning(
                    "Listening on {Addresses} beyond loopback with no API key: anyone who reaches it may submit and cancel searches. "
                    + "Create an admin key (make admin-key, or {Variable}) or set GridSearch:RequireApiKey",
                    string.Join(", ", exposed),
                    AccessOptions.AdminKeyEnvironmentVariable);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            app.Logger.LogWarning(e, "Could not check whether the API is open beyond loopback");
        }
    }

    /// <summary>"http://127.0.0.1:5000", "http://localhost:5000", "http://[::1]:5000"; not "http://0.0.0.0:…",
    /// "http://*:…", "http://+:…" or another address.</summary>
    private static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = address.Split("://", 2) is [_, var rest] ? rest : address;
        host = host.Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
