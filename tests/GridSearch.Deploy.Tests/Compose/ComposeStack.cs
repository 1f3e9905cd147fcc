using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using GridSearch.Testing;

namespace GridSearch.Deploy.Tests.Compose;

/// <summary>
/// The repository's docker-compose.yml, run for real from the images `make images` built: PostgreSQL, the
/// API on a published port and <see cref="Workers"/> worker containers of one slot each, on the project's
/// bridge network; faults.compose.yml gives the workers <see cref="Lease"/> and a checkpoint every epoch.
/// Started once for the tests that share it, under a project name of its own, and removed with its volume
/// afterwards.
/// </summary>
public sealed class ComposeStack : IAsyncLifetime
{
    public const int Workers = 3;
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly string project = $"gridsearch-deploy-{Environment.ProcessId}";
    private readonly Dictionary<string, string> environment = [];
    private ContainerEngine? engine;

    public HttpClient Api { get; private set; } = new();

    private ContainerEngine Engine => engine ?? throw new InvalidOperationException("The stack has not started.");

    public string Network => $"{project}_default";

    public async Task InitializeAsync()
    {
        engine = await ContainerEngine.FindAsync();
        var port = FreePort();
        var adminKey = RandomHex(32);
        environment["GRIDSEARCH_API_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["GRIDSEARCH_ADMIN_KEY"] = adminKey;
        environment["GRIDSEARCH_DB_PASSWORD"] = RandomHex(16);
        environment["GRIDSEARCH_WORKER_PASSWORD"] = RandomHex(16);
        environment["GRIDSEARCH_WORKER_SLOTS"] = "1";
        environment["GRIDSEARCH_WORKERS"] = Workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["GRIDSEARCH_LEASE_SECONDS"] = Lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);

        await ComposeAsync("up", "-d", "--no-build");
        await Eventually.HoldsAsync(ApiReadyAsync, StartTimeout, () => "the API never became ready");
        await Eventually.HoldsAsync(
            async () => await ScalarAsync("SELECT count(*) FROM workers") == Workers,
            StartTimeout,
            () => "the workers never all registered");
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (engine is not null)
        {
            await engine.ComposeAsync([.. FileArguments(), "down", "-v", "-t", "5"], environment);
        }
    }

    public async Task<bool> ApiReadyAsync()
    {
        try
        {
            using var response = await Api.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The containers of one compose service, by the labels both Docker Compose and podman-compose set.</summary>
    public async Task<IReadOnlyList<string>> ContainersAsync(string service)
    {
        var listed = await Engine.RunAsync(
            "ps", "-a", "--filter", $"label=com.docker.compose.project={project}",
            "--filter", $"label=com.docker.compose.service={service}", "--format", "{{.Names}}");
        return listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<string> ContainerAsync(string service) => (await ContainersAsync(service)).Single();

    /// <summary>The worker container whose host name is the first part of a trial's worker identity ("host/pid/device").</summary>
    public async Task<string> WorkerContainerOfAsync(string identity)
    {
        var host = identity.Split('/')[0];
        foreach (var container in await ContainersAsync("worker"))
        {
            if (await HostNameAsync(container) == host)
            {
                return container;
            }
        }

        throw new InvalidOperationException($"no worker container has the host name {host}");
    }

    public async Task<string> HostNameAsync(string container) =>
        (await Engine.RunAsync("inspect", "--format", "{{.Config.Hostname}}", container)).Output.Trim();

    public async Task<string> LogsAsync(string container)
    {
        var logs = await Engine.RunAsync("logs", container);
        return logs.Output + logs.Errors;
    }

    public Task EngineAsync(params string[] arguments) => Engine.RunAsync(arguments);

    /// <summary>One SQL statement through psql in the postgres container, as the owner: its rows, '|' between columns.</summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string sql)
    {
        var result = await Engine.RunAsync(
            "exec", await ContainerAsync("postgres"), "psql", "-U", "gridsearch", "-d", "gridsearch",
            "-v", "ON_ERROR_STOP=1", "-At", "-F", "|", "-c", sql);
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(row => row.Split('|')).ToList();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        try
        {
            var rows = await QueryAsync(sql);
            return long.Parse(rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            // The database is starting, or restarting; the callers poll.
            return -1;
        }
    }

    /// <summary>Every container's log, for a failure's message.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var service in new[] { "postgres", "api", "worker" })
        {
            foreach (var container in await ContainersAsync(service))
            {
                var logs = await LogsAsync(container);
                text.Append("--- ").Append(container).Append(" ---\n").Append(logs.Length > 6000 ? logs[^6000..] : logs).Append('\n');
            }
        }

        return text.ToString();
    }

    private Task ComposeAsync(params string[] arguments) => Engine.ComposeAsync([.. FileArguments(), .. arguments], environment);

    private string[] FileArguments() =>
    [
        "-p", project,
        "-f", RepositoryRoot.File("docker-compose.yml"),
        "-f", Path.Combine(AppContext.BaseDirectory, "Compose", "faults.compose.yml"),
    ];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
