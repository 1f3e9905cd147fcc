using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GridSearch.Core.Persistence;
using Npgsql;

namespace GridSearch.Bench;

/// <summary>
/// The real API and worker as child processes on a fresh database of the local PostgreSQL, for the benches
/// that run searches end to end (WorkerBench, SearchCostBench, which links this file).
/// </summary>
internal static class BenchServices
{
    /// <summary>Each line about a trial the API or a worker prints, for a bench that reads the figures in them.</summary>
    public static event Action<string>? TrialLine;

    public static readonly NpgsqlConnectionStringBuilder Server = new(DatabaseSettings.ConnectionString());

    /// <summary>Drops and creates <paramref name="database"/>; returns its connection string.</summary>
    public static async Task<string> FreshDatabaseAsync(string database)
    {
        await AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await AdminAsync($"CREATE DATABASE {database}");
        return new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Database = database }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    /// <summary>
    /// Runs one search on a fresh <paramref name="database"/>: the API on <paramref name="port"/> takes the
    /// definition, a worker with <paramref name="slots"/> slots runs it to completion, then both stop. The
    /// wall time runs from the worker's start. The caller reads the database, then drops it.
    /// </summary>
    public static async Task<(string Connection, long SearchId, double WallSeconds)> RunSearchAsync(
        string database, int port, string definition, int slots, params string[] workerFlags)
    {
        var connection = await FreshDatabaseAsync(database);
        var (api, http) = await StartApiAsync(connection, port);
        var id = await SubmitAsync(http, definition);
        var clock = Stopwatch.StartNew();
        var worker = StartWorker(connection, slots, workerFlags);
        await WaitForCompletionAsync(http, id);
        var wall = clock.Elapsed.TotalSeconds;
        Stop(worker);
        Stop(api);
        http.Dispose();
        return (connection, id, wall);
    }

    /// <summary>Starts the API on <paramref name="port"/> (it migrates the database) and waits until it is ready.</summary>
    public static async Task<(Process Api, HttpClient Http)> StartApiAsync(string connection, int port)
    {
        var api = Launch(typeof(GridSearch.Api.Searches.SearchesApi).Assembly.Location, connection, "--urls", $"http://127.0.0.1:{port}");
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitForAsync(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode);
        return (api, http);
    }

    /// <summary>Submits a definition; returns the search's id. <paramref name="forceNew"/>: a new search even
    /// when the definition was submitted before (which otherwise answers with that search).</summary>
    public static async Task<long> SubmitAsync(HttpClient http, string definition, bool forceNew = false)
    {
        using var body = new StringContent(definition, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(forceNew ? "/api/searches?new=true" : "/api/searches", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static Process StartWorker(string connection, int slots, params string[] flags) =>
        Launch(typeof(GridSearch.Worker.Execution.SlotWorker).Assembly.Location, connection,
            ["--slots", slots.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", "cpu", .. flags]);

    public static Task WaitForCompletionAsync(HttpClient http, long id) => WaitForAsync(async () =>
    {
        var search = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/searches/{id}", UriKind.Relative));
        return search.GetProperty("status").GetString() == "completed";
    });

    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static Process Launch(string assembly, string connection, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GRIDSEARCH_DB"] = connection;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Trial", StringComparison.Ordinal) == true)
            {
                Console.WriteLine(e.Data);
                TrialLine?.Invoke(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls <paramref name="condition"/> every half second until it holds (12 hours at most).</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddHours(12);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The API is still starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The bench did not finish in 12 hours.");
            }

            await Task.Delay(500);
        }
    }

    private static async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
