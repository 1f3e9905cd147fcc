using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GridSearch.Testing.Database;

/// <summary>
/// A small PostgreSQL cluster of the test's own (initdb into a temporary folder, pg_ctl on a free port),
/// for tests that stop and start the server: the shared one that `make test` runs must stay up for the
/// others. As scripts/pg.sh does, the server runs as the postgres OS user when the tests run as root
/// (PostgreSQL refuses root). Throwaway, so fsync is off. Stopped and deleted on dispose.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private const string User = "gridsearch";
    private const string Password = "gridsearch";

    private readonly string folder;
    private readonly string data;

    private OwnPostgres(string folder, int port)
    {
        this.folder = folder;
        data = Path.Combine(folder, "data");
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = User, Password = Password, Database = "postgres",
        }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>The server's maintenance database; <see cref="TestDatabase.CreateAsync(string)"/> makes one of its own on it.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's log, for a failing test's message.</summary>
    public string Log => File.Exists(Path.Combine(data, "server.log")) ? File.ReadAllText(Path.Combine(data, "server.log")) : "";

    public static async Task<OwnPostgres> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("gridsearch-ownpg-").FullName;
        var server = new OwnPostgres(folder, FreePort());
        try
        {
            await server.InitAsync();
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fast shutdown, as an operator's restart does: sessions are ended, their transactions rolled back.</summary>
    public Task StopAsync() => PgCtlAsync("-D", data, "-m", "fast", "-w", "stop");

    public Task StartServerAsync() => PgCtlAsync("-D", data, "-l", Path.Combine(data, "server.log"), "-w", "-t", "60", "start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
        }

        Directory.Delete(folder, recursive: true);
    }

    private async Task InitAsync()
    {
        if (IsRoot)
        {
            // The folder is the test's (mode 700); the server's user must own it.
            await RunOrThrowAsync("chown", "postgres:postgres", folder);
        }

        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await AsServerUserAsync(Path.Combine(BinDirectory, "initdb"), "-D", data, "-U", User, $"--pwfile={passwordFile}", "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), string.Create(CultureInfo.InvariantCulture, $"""

            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{folder}'
            max_connections = 100
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """));
    }

    private Task PgCtlAsync(params string[] arguments) => AsServerUserAsync(Path.Combine(BinDirectory, "pg_ctl"), arguments);

    private async Task AsServerUserAsync(string program, params string[] arguments)
    {
        if (IsRoot)
        {
            await RunOrThrowAsync("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            await RunOrThrowAsync(program, arguments);
        }
    }

    private async Task RunOrThrowAsync(string program, params string[] arguments)
    {
        var (code, output) = await RunAsync(program, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {code}:\n{output}\n{Log}");
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        // From /, which the postgres user can always enter (the test's working folder may be closed to it).
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest installed PostgreSQL's programs, as scripts/pg.sh picks them.</summary>
    private static string BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), CultureInfo.InvariantCulture, out var v) ? v : 0)
                .LastOrDefault() ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql.")
            : throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql): run scripts/pg.sh once to install it.");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
