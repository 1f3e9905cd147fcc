using System.Diagnostics;

namespace GridSearch.Deploy.Tests.Compose;

/// <summary>
/// The container engine the images were built with, as scripts/container-engine.sh chooses it: Docker
/// where its engine answers, else podman (CONTAINER_ENGINE overrides both). Compose is `docker compose`
/// with Docker and podman-compose with podman.
/// </summary>
public sealed class ContainerEngine
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private ContainerEngine(string program, string[] compose)
    {
        Program = program;
        Compose = compose;
    }

    public string Program { get; }

    /// <summary>The compose command, program first.</summary>
    public IReadOnlyList<string> Compose { get; }

    public static async Task<ContainerEngine> FindAsync()
    {
        var chosen = Environment.GetEnvironmentVariable("CONTAINER_ENGINE");
        if (string.IsNullOrEmpty(chosen))
        {
            chosen = (await TryRunAsync("docker", ["info"], new Dictionary<string, string>())).Succeeded ? "docker" : "podman";
        }

        return chosen == "docker" ? new ContainerEngine("docker", ["docker", "compose"]) : new ContainerEngine("podman", ["podman-compose"]);
    }

    public Task<CommandResult> RunAsync(params string[] arguments) => RunAsync(arguments, new Dictionary<string, string>());

    /// <summary>Runs the engine with these arguments; throws with what it printed when it fails.</summary>
    public async Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var result = await TryRunAsync(Program, arguments, environment);
        return result.Succeeded
            ? result
            : throw new InvalidOperationException($"{Program} {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.Output}\n{result.Errors}");
    }

    public async Task<CommandResult> ComposeAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var result = await TryRunAsync(Compose[0], [.. Compose.Skip(1), .. arguments], environment);
        return result.Succeeded
            ? result
            : throw new InvalidOperationException($"{string.Join(' ', Compose)} {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.Output}\n{result.Errors}");
    }

    public static async Task<CommandResult> TryRunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new CommandResult(-1, await output, $"{await errors}\n(killed after {CommandTimeout.TotalMinutes} min)");
            }

            return new CommandResult(process.ExitCode, await output, await errors);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CommandResult(-1, "", $"{program}: {e.Message}");
        }
    }
}
